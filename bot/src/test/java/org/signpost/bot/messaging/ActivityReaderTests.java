package org.signpost.bot.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.bot.schema.Activity;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the endpoint reads from an activity's body, and what it leaves unread. */
class ActivityReaderTests {

    private final ActivityReader reader = new ActivityReader();

    private static byte[] activity(String timestamp) {
        return ("{\"type\":\"message\",\"id\":\"act-1\",\"timestamp\":" + timestamp + ",\"localTimestamp\":" + timestamp
                + ",\"channelId\":\"msteams\",\"serviceUrl\":\"https://smba.trafficmanager.net/emea/\",\"locale\":\"en_GB\","
                + "\"from\":{\"id\":\"29:someone\",\"aadObjectId\":\"aad-1\"},\"recipient\":{\"id\":\"28:bot\"},"
                + "\"conversation\":{\"id\":\"a:chat\",\"conversationType\":\"personal\",\"tenantId\":\"tenant-1\"},"
                + "\"text\":\"hello\",\"value\":{\"signpost\":\"survey\"}}").getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2001-02-03T04:05:06.789Z\"", "\"2001-02-03T04:05:06Z\"", "\"2001-02-03T05:05:06+01:00\"",
            "\"yesterday\"", "null", "42"})
    void everyTimestampIsLeftUnreadAndTheRestIsRead(String timestamp) {
        Activity read = reader.read(activity(timestamp)).orElseThrow();

        // the SDK's constructor stamps every activity with the time it is made; the one sent is not read
        assertThat(read.getTimestamp().getYear()).isNotEqualTo(2001);
        assertThat(read.getLocalTimestamp()).isNull();
        assertThat(read.getType()).isEqualTo("message");
        assertThat(read.getText()).isEqualTo("hello");
        assertThat(read.getFrom().getId()).isEqualTo("29:someone");
        assertThat(read.getFrom().getAadObjectId()).isEqualTo("aad-1");
        assertThat(read.getConversation().getId()).isEqualTo("a:chat");
        assertThat(read.getConversation().getTenantId()).isEqualTo("tenant-1");
        assertThat(read.getServiceUrl()).isEqualTo("https://smba.trafficmanager.net/emea/");
        assertThat(read.getLocale()).isEqualTo("en-GB");
        assertThat(read.getValue()).hasToString("{signpost=survey}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"message\",\"text\":", "[1,2,3]", "{}", "{\"type\":\"message\",\"from\":{\"id\":\"x\"}}",
            "{\"type\":\"\",\"channelId\":\"msteams\",\"from\":{\"id\":\"x\"},\"conversation\":{\"id\":\"c\"}}",
            "{\"type\":\"message\",\"from\":{\"id\":\"x\"},\"conversation\":{\"id\":\"c\"}}",
            "{\"type\":\"message\",\"channelId\":\" \",\"from\":{\"id\":\"x\"},\"conversation\":{\"id\":\"c\"}}"})
    void whatIsNoActivityIsStillRefused(String body) {
        assertThat(reader.read(body.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
