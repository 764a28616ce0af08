package org.signpost.dialogs.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
    void anyOtherCardIsRenderedEveryTime() {
        Card yours = Card.builder().text("You signed up for Tuesday's session.").submitWithoutInputs("Withdraw",
                Map.of(CardKeys.ACTION, "focusgroup")).build();
        JsonNode first = AdaptiveCardRenderer.json(yours);
        assertThat(AdaptiveCardRenderer.json(yours)).isEqualTo(first).isNotSameAs(first);
    }
}
