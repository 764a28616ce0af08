package org.signpost.bot.redis;

import java.time.Clock;
import org.signpost.dialogs.chat.ConversationActivity;
import org.signpost.dialogs.references.ConversationReferences;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** Redis: the server given by REDIS_URL, or an embedded one, and the adapters the dialogs' ports need. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisSettings.class)
class RedisConfiguration {

    /** Present only when the app runs its own Redis; stopped on shutdown. */
    @Bean(destroyMethod = "close")
    EmbeddedRedisHolder embeddedRedis(RedisSettings settings) {
        return new EmbeddedRedisHolder(settings.embedded() ? EmbeddedRedis.start(settings.dataFolder()) : null);
    }

    @Bean(destroyMethod = "close")
    UnifiedJedis redis(RedisSettings settings, EmbeddedRedisHolder embedded) {
        if (embedded.server() != null) {
            return RedisClient.builder()
                    .hostAndPort(new HostAndPort("127.0.0.1", embedded.server().port()))
                    .clientConfig(DefaultJedisClientConfig.builder().password(embedded.server().password()).build())
                    .build();
        }
        return RedisUrl.parse(settings.url()).connect();
    }

    @Bean
    Durability durability(UnifiedJedis redis, RedisSettings settings) {
        int replicas = settings.waitReplicas() != null ? settings.waitReplicas()
                : !settings.embedded() && RedisUrl.parse(settings.url()).replicated() ? 1 : 0;
        return new Durability(redis, replicas, settings.waitTimeout());
    }

    @Bean
    ConversationActivity conversationActivity(UnifiedJedis redis, RedisSettings settings) {
        return new RedisConversationActivity(redis, settings.keyPrefix());
    }

    @Bean
    ConversationReferences conversationReferences(UnifiedJedis redis, RedisSettings settings) {
        return new RedisConversationReferences(redis, settings.keyPrefix());
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
