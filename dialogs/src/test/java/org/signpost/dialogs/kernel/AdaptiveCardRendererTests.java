package org.signpost.dialogs.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A card that is the same for everyone is rendered once and kept; any other card is rendered every time. */
class AdaptiveCardRendererTests {

    private static Card.Builder question() {
        return Card.builder().note("Question 1 of 3")
                .add(new Card.Choices(CardKeys.ANSWER, "People here can talk openly.", Map.of("agree", "Agree"), true,
                        "Choose an answer."))
                .submit("Next", Map.of(CardKeys.ACTION, "survey", CardKeys.VERB, "answer"));
    }

    @Test
    void aCardTheSameForEveryoneIsRenderedOnceAndReadsAsAFreshOne() {
        JsonNode first = AdaptiveCardRenderer.json(question().sameForEveryone().build());
        JsonNode again = AdaptiveCardRenderer.json(question().sameForEveryone().build());
        JsonNode fresh = AdaptiveCardRenderer.json(question().build());
        assertThat(again).isSameAs(first);
        assertThat(fresh).isEqualTo(first).isNotSameAs(first);
        assertThat(AdaptiveCardRenderer.json(question().note("2 answers").sameForEveryone().build()))
                .as("another card is another entry").isNotEqualTo(first);
    }

    @Test
    void aKeptCardCarriesItsJsonAsJacksonWritesTheTree() throws Exception {
        Card awkward = Card.builder().heading("Croeso — ’quotes’ & <tags> \"quoted\" \\ 😀 \u0001\t\n")
                .add(new Card.Choices(CardKeys.ANSWER, "Agree?", Map.of("agree", "Agree ✓"), true, "Choose"))
                .add(new Card.TextInput(CardKeys.FREE_TEXT, "Anything else?", "Type here", 1000))
                .add(new Card.Toggle("consent0", "I agree", "agree"))
                .submit("Next", Map.of(CardKeys.ACTION, "survey")).openUrl("Read", "https://example.org/a?b=c&d=é")
                .sameForEveryone().build();
        JsonNode kept = AdaptiveCardRenderer.json(awkward);
        JsonNode fresh = AdaptiveCardRenderer.json(new Card(awkward.body(), awkward.actions()));
        assertThat(kept).isInstanceOf(KeptCardJson.class).isEqualTo(fresh);
        assertThat(fresh).isNotInstanceOf(KeptCardJson.class);
        JsonMapper plain = JsonMapper.builder().build();
        assertThat(((KeptCardJson) kept).written().getValue()).isEqualTo(plain.writeValueAsString(fresh))
                .isEqualTo(plain.writeValueAsString(kept));
        assertThat(((KeptCardJson) kept).written().asUnquotedUTF8())
                .isEqualTo(plain.writeValueAsString(fresh).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anyOtherCardIsRenderedEveryTime() {
        Card yours = Card.builder().text("You signed up for Tuesday's session.").submitWithoutInputs("Withdraw",
                Map.of(CardKeys.ACTION, "focusgroup")).build();
        JsonNode first = AdaptiveCardRenderer.json(yours);
        assertThat(AdaptiveCardRenderer.json(yours)).isEqualTo(first).isNotSameAs(first);
    }
}
