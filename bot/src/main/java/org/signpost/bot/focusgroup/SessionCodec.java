package org.signpost.bot.focusgroup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.signpost.dialogs.focusgroup.Address;
import org.signpost.dialogs.focusgroup.Attendee;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.focusgroup.SessionStatus;
import org.signpost.dialogs.focusgroup.SignUp;

/** Sessions and sign-ups as JSON (plain fields; no type information to deserialize by). */
final class SessionCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionCodec() {
    }

    static String session(Session session) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", session.id());
        fields.put("title", session.title());
        fields.put("audience", session.audience().orElse(""));
        fields.put("start", session.start().toLocalDateTime().toString());
        fields.put("zone", session.start().getZone().getId());
        fields.put("length", session.length().toString());
        fields.put("place", session.place());
        fields.put("capacity", session.capacity());
        fields.put("facilitators", session.facilitators());
        fields.put("firstAider", session.firstAider());
        fields.put("guide", session.guide());
        fields.put("retention", session.retention().toString());
        fields.put("keyPoints", session.keyPoints().orElse(""));
        return write(fields);
    }

    /** The session as stored; its status and places are kept beside it, where the scripts read them. */
    static Session session(String json, SessionStatus status, int capacity) {
        JsonNode node = read(json);
        return new Session(node.get("id").asText(), node.get("title").asText(),
                Optional.of(node.get("audience").asText()),
                LocalDateTime.parse(node.get("start").asText()).atZone(ZoneId.of(node.get("zone").asText())),
                Duration.parse(node.get("length").asText()), node.get("place").asText(), capacity,
                strings(node.get("facilitators")), node.get("firstAider").asText(), strings(node.get("guide")),
                Duration.parse(node.get("retention").asText()), status, Optional.of(node.get("keyPoints").asText()));
    }

    static byte[] attendee(Attendee attendee) {
        SignUp signUp = attendee.signUp();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sessionId", signUp.sessionId());
        fields.put("displayName", signUp.displayName());
        fields.put("contact", signUp.contact());
        fields.put("consentVersion", signUp.consentVersion());
        fields.put("consentedAt", signUp.consentedAt().toString());
        fields.put("channelId", attendee.address().channelId());
        fields.put("userId", attendee.address().userId());
        try {
            return JSON.writeValueAsBytes(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A sign-up could not be written", e);
        }
    }

    static Attendee attendee(byte[] json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("An unreadable sign-up");
        }
        return new Attendee(new SignUp(node.get("sessionId").asText(), node.get("displayName").asText(),
                node.get("contact").asText(), node.get("consentVersion").asText(),
                Instant.parse(node.get("consentedAt").asText())),
                new Address(node.get("channelId").asText(), node.get("userId").asText()));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A session could not be written", e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // never quote the stored text
            throw new IllegalStateException("An unreadable session");
        }
    }
}
