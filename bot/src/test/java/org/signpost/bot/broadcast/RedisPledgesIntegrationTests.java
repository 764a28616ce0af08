package org.signpost.bot.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signpost.bot.TestKeys;
import org.signpost.bot.TestRedis;
import org.signpost.bot.keys.AppKeys;
import org.signpost.dialogs.announcement.Pledge;

/** A pledge counts once per person per campaign, and Redis holds no one's id, only keyed tokens. */
class RedisPledgesIntegrationTests {

    @RegisterExtension
    static final TestRedis.PerClass redis = TestRedis.perClassEmptiedBeforeEach();
    private final AppKeys keys = TestKeys.appKeys();
    private final RedisPledges pledges = new RedisPledges(redis.client(), "signpost:", keys.pseudonyms("pledge"));

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

    @Test
    void aYearsPledgesAreKeptUntilTheYearEndsAndNeverWithoutALifetime() {
        // a pledge a minute before the year ends (the app's clock moved there): its set goes a minute later
        Instant lateOnNewYearsEve = ZonedDateTime.of(2027, 12, 31, 23, 59, 0, 0, ZoneId.of("Europe/London")).toInstant();
        Clock moved = Clock.fixed(lateOnNewYearsEve, ZoneOffset.UTC);
        assertThat(Pledge.untilTheYearEnds(moved)).isEqualTo(Duration.ofMinutes(1));
        assertThat(pledges.pledge(Pledge.campaign(moved), "aad-alex", Pledge.untilTheYearEnds(moved))).isTrue();
        String key = redis.client().keys("*").iterator().next();
        assertThat(redis.client().pttl(key)).isBetween(1L, Duration.ofMinutes(1).toMillis());
        // a second press counts nothing and does not make the set live longer than its year
        assertThat(pledges.pledge(Pledge.campaign(moved), "aad-alex", Pledge.untilTheYearEnds(moved))).isFalse();
        assertThat(redis.client().pttl(key)).isBetween(1L, Duration.ofMinutes(1).toMillis());

        // in February, most of the year is left; and without a lifetime given, a set still gets one: at most a year
        Clock february = Clock.fixed(Instant.parse("2028-02-04T09:00:00Z"), ZoneOffset.UTC);
        assertThat(Pledge.untilTheYearEnds(february)).isBetween(Duration.ofDays(331), Duration.ofDays(332));
        assertThat(pledges.pledge("time-to-talk-2028", "aad-sam")).isTrue();
        assertThat(redis.client().keys("*")).allSatisfy(each -> assertThat(redis.client().pttl(each))
                .isBetween(1L, RedisPledges.LONGEST.toMillis()));
    }
}
