package org.signpost.bot.survey;

import java.time.Duration;
import org.signpost.bot.TestKeys;
import org.signpost.bot.keys.AppKeys;
import org.signpost.bot.redis.Durability;
import org.signpost.dialogs.kernel.MutableClock;
import org.signpost.dialogs.survey.RespondentTokens;
import redis.clients.jedis.UnifiedJedis;

/** Survey stores and answers in progress for tests, wired as the app wires them, with the test keys and a moved clock. */
final class SurveyStores {

    static final AppKeys KEYS = TestKeys.appKeys();
    static final RespondentTokens TOKENS = new RespondentTokens(KEYS.respondentTokenKey());

    private SurveyStores() {
    }

    static RedisSurveyStore store(UnifiedJedis redis, String prefix, int rewriteEvery) {
        return store(redis, prefix, rewriteEvery, KEYS, false,
                new AppendOnlyRewrites(new MutableClock(), Duration.ofMinutes(10),
                        AppendOnlyRewrites.Request.to(redis)));
    }

    static RedisSurveyStore store(UnifiedJedis redis, String prefix, int rewriteEvery, Durability durability) {
        return store(redis, prefix, rewriteEvery, KEYS, false, new AppendOnlyRewrites(new MutableClock(),
                Duration.ofMinutes(10), AppendOnlyRewrites.Request.to(redis)), durability);
    }

    static RedisSurveyStore store(UnifiedJedis redis, String prefix, int rewriteEvery, AppKeys keys, boolean trial,
            AppendOnlyRewrites rewrites) {
        return store(redis, prefix, rewriteEvery, keys, trial, rewrites, new Durability(redis, 0, Duration.ofSeconds(1)));
    }

    static RedisSurveyStore store(UnifiedJedis redis, String prefix, int rewriteEvery, AppKeys keys, boolean trial,
            AppendOnlyRewrites rewrites, Durability durability) {
        return new RedisSurveyStore(redis, prefix, new RedisSurveyStore.Settings(
                new RespondentTokens(keys.respondentTokenKey()).fingerprint(), trial, rewriteEvery),
                progress(redis, prefix, keys, rewrites), rewrites, durability);
    }

    static SealedProgress progress(UnifiedJedis redis, String prefix) {
        return progress(redis, prefix, KEYS, new AppendOnlyRewrites(new MutableClock(), Duration.ofMinutes(10),
                AppendOnlyRewrites.Request.to(redis)));
    }

    static SealedProgress progress(UnifiedJedis redis, String prefix, AppKeys keys, AppendOnlyRewrites rewrites) {
        return new SealedProgress(redis, prefix, keys.pseudonyms("progress"), keys.seal("progress"), rewrites,
                Duration.ofHours(4));
    }
}
