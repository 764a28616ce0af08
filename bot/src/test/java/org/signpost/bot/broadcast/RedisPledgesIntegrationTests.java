package org.signpost.bot.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.signpost.bot.TestKeys;
import org.signpost.bot.TestRedis;
import org.signpost.bot.keys.AppKeys;

/** A pledge counts once per person per campaign, and Redis holds no one's id, only keyed tokens. */
class RedisPledgesIntegrationTests {

    private final TestRedis redis = TestRedis.start(TestRedis.tempFolder("pledges"));
    private final AppKeys keys = TestKeys.appKeys();
    private final RedisPledges pledges = new RedisPledges(redis.client(), "signpost:", keys.pseudonyms("pledge"));

    @AfterEach
    void stop() {
        redis.close();
    }

    @Test
    void aPledgeCountsOncePerPersonPerCampaignAndNamesNoOne() {
        assertThat(pledges.pledge("time-to-talk-2027", "aad-alex")).isTrue();
        assertThat(pledges.pledge("time-to-talk-2027", "aad-alex")).as("a second press").isFalse();
        assertThat(pledges.pledge("time-to-talk-2027", "aad-sam")).isTrue();
        assertThat(pledges.pledge("time-to-talk-2028", "aad-alex")).as("another campaign").isTrue();

        assertThat(pledges.count("time-to-talk-2027")).isEqualTo(2);
        assertThat(pledges.count("time-to-talk-2028")).isEqualTo(1);
        assertThat(redis.client().keys("*")).hasSize(2).allSatisfy(key -> {
            assertThat(key).matches("signpost:bcast:\\{pledges:[0-9a-f]{64}}").doesNotContain("time-to-talk");
            assertThat(redis.client().smembers(key)).allSatisfy(token -> assertThat(token).matches("[0-9a-f]{64}")
                    .doesNotContain("alex", "sam"));
        });
        // with other keys, the same person would be someone else: a token cannot be checked without the key
        RedisPledges otherKeys = new RedisPledges(redis.client(), "signpost:", new AppKeys(
                "another-sealing-key-of-32-characters-x".getBytes(StandardCharsets.UTF_8), keys.respondentTokenKey())
                .pseudonyms("pledge"));
        assertThat(otherKeys.count("time-to-talk-2027")).isZero();
    }
}
