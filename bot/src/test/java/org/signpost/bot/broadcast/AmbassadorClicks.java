package org.signpost.bot.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.signpost.bot.Activities;
import org.signpost.bot.Endpoint;
import org.signpost.dialogs.kernel.CardKeys;

/** The card clicks of an ambassador's announcement (the draft flow), as the tests press them through /api/messages. */
final class AmbassadorClicks {

    private AmbassadorClicks() {
    }

    static Map<String, String> start() {
        return Map.of(CardKeys.ACTION, "announcement");
    }

    static Map<String, String> answer(String step, String value) {
        return Map.of(CardKeys.ACTION, "announcement", CardKeys.VERB, "answer", CardKeys.INSTANCE, "draft",
                CardKeys.STEP, step, CardKeys.ANSWER, value);
    }

    static Map<String, String> skip(String step) {
        return Map.of(CardKeys.ACTION, "announcement", CardKeys.VERB, "skip", CardKeys.INSTANCE, "draft",
                CardKeys.STEP, step);
    }

    static Map<String, String> submit() {
        return Map.of(CardKeys.ACTION, "announcement", CardKeys.VERB, "submit", CardKeys.INSTANCE, "draft");
    }

    static void press(Endpoint endpoint, Activities who, String chat, Map<String, String> data) {
        assertThat(endpoint.post(who.button(chat, data)).statusCode()).isEqualTo(200);
    }

    /** A Time to Talk Day announcement to everyone reachable, sent now. */
    static void timeToTalkDayToEveryone(Endpoint endpoint, Activities ambassador, String chat) {
        press(endpoint, ambassador, chat, start());
        press(endpoint, ambassador, chat, answer("template", "time-to-talk-day"));
        press(endpoint, ambassador, chat, answer("audience", "everyone"));
        press(endpoint, ambassador, chat, skip("when"));
        press(endpoint, ambassador, chat, submit());
    }
}
