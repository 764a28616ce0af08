package org.signpost.bot.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a passed token is remembered under: SHA-256 of the token, the channel and the service URL as UTF-8, each
 * after the first behind a zero byte; the same whichever thread computes it, and however long or unusual the text.
 */
class ChannelTokensKeyTests {

    static Stream<String> tokens() {
        String jwtLike = "Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6ImFiYyJ9." + "eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0".repeat(20)
                + ".c2lnbmF0dXJl";
        return Stream.of("", "Bearer x", jwtLike, "x".repeat(255), "x".repeat(256), "x".repeat(257), "x".repeat(513),
                "Bearer é" + "a".repeat(300), "a".repeat(256) + "é", "Bearer \uD83D\uDE00 and more", "ü" + "a".repeat(600),
                "Bearer \u00ff\u0080", "lone \uD83D surrogate", "a".repeat(255) + "\uD83D\uDE00" + "b".repeat(10));
    }

    @ParameterizedTest
    @MethodSource("tokens")
    void theDigestOfTheTokenChannelAndServiceUrl(String authorization) throws Exception {
        for (String serviceUrl : new String[] {"https://smba.trafficmanager.net/emea/", null, "http://ü.example/"}) {
            Activity activity = new Activity(ActivityTypes.MESSAGE);
            activity.setChannelId("msteams");
            activity.setServiceUrl(serviceUrl);

            String expected = plainly(authorization, List.of("msteams", String.valueOf(serviceUrl)));

            assertThat(ChannelTokens.key(authorization, activity)).isEqualTo(expected);
            assertThat(ChannelTokens.scratchIsClear()).as("no token bytes left in the thread's buffer").isTrue();
            // again on the same thread (its digest reused), then on another
            assertThat(ChannelTokens.key(authorization, activity)).isEqualTo(expected);
            String[] other = new String[1];
            Thread thread = new Thread(() -> other[0] = ChannelTokens.key(authorization, activity));
            thread.start();
            thread.join();
            assertThat(other[0]).isEqualTo(expected);
        }
    }

    @Test
    void differentTokensChannelsOrServiceUrlsAreDifferentKeys() {
        Activity teams = new Activity(ActivityTypes.MESSAGE);
        teams.setChannelId("msteams");
        teams.setServiceUrl("https://smba.trafficmanager.net/emea/");
        Activity webchat = new Activity(ActivityTypes.MESSAGE);
        webchat.setChannelId("webchat");
        webchat.setServiceUrl("https://smba.trafficmanager.net/emea/");

        assertThat(ChannelTokens.key("Bearer a", teams)).isNotEqualTo(ChannelTokens.key("Bearer b", teams))
                .isNotEqualTo(ChannelTokens.key("Bearer a", webchat));
    }

    private static String plainly(String authorization, List<String> parts) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(authorization.getBytes(StandardCharsets.UTF_8));
        for (String part : parts) {
            sha.update((byte) 0);
            sha.update(part.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
