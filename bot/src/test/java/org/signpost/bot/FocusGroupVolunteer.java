package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One person signing up for a focus group over real HTTP, clicking the buttons the cards offer. */
public final class FocusGroupVolunteer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Endpoint endpoint;
    private final Activities activities;
    private final String conversationId;
    private final FakeConnector connector;

    public FocusGroupVolunteer(Endpoint endpoint, Activities activities, String conversationId, FakeConnector connector) {
        this.endpoint = endpoint;
        this.activities = activities;
        this.conversationId = conversationId;
        this.connector = connector;
    }

    /**
     * From "focus groups" through the statements and the consent form: the session card's choices (session
     * ids, or {@code <id>/wait} for a full one's waiting list), or none after refusing consent.
     */
    public List<String> throughConsent(boolean agree) {
        ok(endpoint.post(activities.message(conversationId, "i'd like to join a focus group")).statusCode());
        press(Map.of("step", "start"));
        press(Map.of("step", "answer", "question", "sheet"));
        if (!agree) {
            press(Map.of("step", "refuse", "question", "consent"));
            return List.of();
        }
        Map<String, String> consent = new HashMap<>(Map.of("step", "answer", "question", "consent"));
        for (int i = 0; i < 5; i++) {
            consent.put("consent." + i, "agree");
        }
        press(consent);
        List<String> values = new ArrayList<>();
        List<FakeConnector.Sent> sentHere = connector.sentTo(conversationId);
        for (int i = sentHere.size() - 1; i >= 0; i--) {
            FakeConnector.Sent sent = sentHere.get(i);
            if (sent.isCard() && sent.cardText().contains("choices")) {
                try {
                    JSON.readTree(sent.cardText()).findValues("choices").forEach(choices ->
                            choices.forEach(choice -> values.add(choice.path("value").asText())));
                } catch (IOException e) {
                    throw new AssertionError("a card is JSON", e);
                }
                return values;
            }
        }
        return values;
    }

    public void choose(String value) {
        press(Map.of("step", "answer", "question", "session", "answer", value));
    }

    public void submit() {
        press(Map.of("step", "submit"));
    }

    /** Signs up for the first choice offered; its value. */
    public String signUp() {
        List<String> choices = throughConsent(true);
        assertThat(choices).isNotEmpty();
        choose(choices.get(0));
        submit();
        return choices.get(0);
    }

    private void press(Map<String, String> data) {
        Map<String, String> value = new HashMap<>(data);
        value.put("signpost", "focusgroup");
        value.put("round", "open");
        ok(endpoint.post(activities.button(conversationId, value)).statusCode());
    }

    private static void ok(int status) {
        assertThat(status).isEqualTo(200);
    }
}
