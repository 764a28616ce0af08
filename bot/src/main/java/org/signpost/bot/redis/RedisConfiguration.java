package org.signpost.bot.redis;

import java.time.Clock;
import org.signpost.bot.keys.AppKeys;
import org.signpost.bot.keys.KeySettings;
import org.signpost.bot.keys.KeySource;
import org.signpost.bot.keys.TokenKeySettings;
import org.signpost.dialogs.conversation.ConversationActivity;
import org.signpost.dialogs.flow.ActiveFlows;
import org.signpost.dialogs.flow.FlowRunStores;
import org.signpost.dialogs.flow.NothingLeftMemo;
import org.signpost.dialogs.kernel.Together;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** Redis: the server given by REDIS_URL, or an embedded one, and the adapters the dialogs' ports need. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RedisSettings.class, KeySettings.class, TokenKeySettings.class})
class RedisConfiguration {

    /** Present only when the app runs its own Redis; stopped on shutdown. */
    @Bean(destroyMethod = "close")
    EmbeddedRedisHolder embeddedRedis(RedisSettings settings) {
        return new EmbeddedRedisHolder(settings.embedded() ? EmbeddedRedis.start(settings.dataFolder()) : null);
    }

    @Bean(destroyMethod = "close")
    UnifiedJedis redis(RedisSettings settings, EmbeddedRedisHolder embedded) {
        RedisUrl.Client client = settings.client();
        UnifiedJedis redis = embedded.server() != null
                ? RedisClient.builder()
                        .hostAndPort(new HostAndPort("127.0.0.1", embedded.server().port()))
                        .clientConfig(client.timeouts(DefaultJedisClientConfig.builder()
                                .password(embedded.server().password())).build())
                        .poolConfig(client.pool())
                        .build()
                : RedisUrl.parse(settings.url()).connect(client);
        try {
            RedisServerChecks.verify(redis, settings.acceptEvictionPolicy());
        } catch (RuntimeException refused) {
            redis.close();
            throw refused;
        }
        return redis;
    }

    @Bean
    Durability durability(UnifiedJedis redis, RedisSettings settings) {
        int replicas = settings.waitReplicas() != null ? settings.waitReplicas()
                : !settings.embedded() && RedisUrl.parse(settings.url()).replicated() ? 1 : 0;
        return new Durability(redis, replicas, settings.waitTimeout());
    }

    /**
     * The app's keys. Production (an app id, or an external Redis shared by several instances) takes them
     * from configuration; the embedded default generates them once into its key folder.
     */
    @Bean
    AppKeys appKeys(KeySettings keys, TokenKeySettings tokenKey, RedisSettings settings, Environment environment) {
        boolean production = !environment.getProperty("MicrosoftAppId", "").isBlank() || !settings.embedded();
        return KeySource.resolve(keys, tokenKey, settings.dataFolder(), production);
    }

    @Bean
    ConversationActivity conversationActivity(UnifiedJedis redis, RedisSettings settings, AppKeys keys) {
        return new RedisConversationActivity(redis, settings.keyPrefix(), keys.pseudonyms("conversation"));
    }

    /** The flow in progress per conversation: its own pseudonym and seal keys, unlinkable to the other records. */
    @Bean
    ActiveFlows activeFlows(UnifiedJedis redis, RedisSettings settings, AppKeys keys) {
        return new RedisActiveFlows(redis, settings.keyPrefix(), keys.pseudonyms("flow"), keys.seal("flow"));
    }

    /** What the menu learnt of what is left for a person, kept a moment in memory: its own pseudonym key. */
    @Bean
    NothingLeftMemo nothingLeftMemo(RedisSettings settings, AppKeys keys, Clock clock) {
        return new RecentNothingLeft(keys.pseudonyms("menu"), clock, settings.reuseMenuReads(),
                RecentNothingLeft.REMEMBERED);
    }

    /** Calls of different features that do not depend on each other, in one pipeline. */
    @Bean
    Together together(UnifiedJedis redis) {
        return new RedisTogether(redis);
    }

    /** The runs of every flow but the survey: their own pseudonym and seal keys too. */
    @Bean
    FlowRunStores flowRuns(UnifiedJedis redis, RedisSettings settings, AppKeys keys) {
        return new RedisFlowRuns(redis, settings.keyPrefix(), keys.pseudonyms("flow-run"), keys.seal("flow-run"));
    }

    @Bean
    RedisConversationReferences conversationReferences(UnifiedJedis redis, RedisSettings settings, AppKeys keys) {
        return new RedisConversationReferences(redis, settings.keyPrefix(), keys.pseudonyms("reference"),
                keys.seal("reference"));
    }

    /** Who announcements reach: over the same references, so that keeping or forgetting one moves it in or out. */
    @Bean
    RedisAnnouncementReach announcementReach(RedisConversationReferences references) {
        return new RedisAnnouncementReach(references);
    }

    @Bean
    RedisTeamRosters teamRosters(UnifiedJedis redis, RedisSettings settings, AppKeys keys) {
        return new RedisTeamRosters(redis, settings.keyPrefix(), keys.pseudonyms("reference"), keys.seal("reference"));
    }

    @Bean
    RedisHealthIndicator redisHealthIndicator(UnifiedJedis redis) {
        return new RedisHealthIndicator(redis);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    record EmbeddedRedisHolder(EmbeddedRedis server) implements AutoCloseable {
        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
