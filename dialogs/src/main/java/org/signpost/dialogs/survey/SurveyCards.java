package org.signpost.dialogs.survey;

import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.schema.Activity;
import java.util.LinkedHashMap;
import java.util.Map;
import org.signpost.dialogs.chat.AdaptiveCard;
import org.signpost.dialogs.chat.Turn;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.survey.SurveyDefinition.Question;

/**
 * The survey's cards. None of them ever shows a person's answers: a Teams chat is retained and
 * discoverable, so choices travel only in submit data and cards are never updated to echo them.
 */
final class SurveyCards {

    static final String STEP = "step";
    static final String ROUND = "round";
    static final String QUESTION = "question";
    static final String ANSWER = "answer";
    static final int FREE_TEXT_LIMIT = 1000;

    private SurveyCards() {
    }

    static Activity privacyStatement(Turn turn, SurveyRound round) {
        Wording wording = turn.wording();
        String title = SurveyDefinition.localised(round.survey().title(), wording.locale());
        String body = wording.text("survey.privacy.body", Map.of("questions", Integer.toString(round.survey().size())));
        AdaptiveCard card = new AdaptiveCard().heading(title).subheading(wording.text("survey.privacy.title"))
                .text(body)
                .submit(wording.text("survey.start"), data(round, "start"))
                .submitWithoutInputs(wording.text("survey.later"), data(round, "later"));
        return shown(card);
    }

    static Activity question(Turn turn, SurveyRound round, int index) {
        Wording wording = turn.wording();
        Question question = round.survey().questions().get(index);
        String progress = wording.text("survey.progress", Map.of("number", Integer.toString(index + 1),
                "total", Integer.toString(round.survey().size())));
        String text = SurveyDefinition.localised(question.text(), wording.locale());
        Map<String, String> options = new LinkedHashMap<>();
        if (question.type() != SurveyDefinition.Type.FREETEXT) {
            for (String option : question.optionIds()) {
                options.put(option, optionLabel(wording, question, option));
            }
        }
        Map<String, String> answer = data(round, "answer");
        answer.put(QUESTION, question.id());
        AdaptiveCard card = new AdaptiveCard().subtleText(progress);
        if (question.type() == SurveyDefinition.Type.FREETEXT) {
            card.freeText(text, wording.text("survey.freeText.placeholder"), FREE_TEXT_LIMIT)
                    .subtleText(wording.text("survey.freeText.note"));
        } else {
            card.choices(ANSWER, text, options, !question.optional(), wording.text("survey.choose"));
        }
        card.submit(wording.text("survey.next"), answer);
        if (question.optional()) {
            Map<String, String> skip = data(round, "skip");
            skip.put(QUESTION, question.id());
            card.submitWithoutInputs(wording.text("survey.skip"), skip);
        }
        card.submitWithoutInputs(wording.text("survey.cancel"), data(round, "cancel"));
        return shown(card);
    }

    static Activity confirm(Turn turn, SurveyRound round, long answered) {
        Wording wording = turn.wording();
        String body = wording.text("survey.confirm", Map.of("count", Long.toString(answered)));
        AdaptiveCard card = new AdaptiveCard().text(body)
                .submit(wording.text("survey.submit"), data(round, "submit"))
                .submitWithoutInputs(wording.text("survey.cancel"), data(round, "cancel"));
        return shown(card);
    }

    static Activity retry(Turn turn, SurveyRound round, String messageKey) {
        Wording wording = turn.wording();
        String body = wording.text(messageKey);
        AdaptiveCard card = new AdaptiveCard().text(body)
                .submit(wording.text("survey.retry"), data(round, "submit"))
                .submitWithoutInputs(wording.text("survey.cancel"), data(round, "cancel"));
        return shown(card);
    }

    /** Surveys run only where cards render: answers come from card inputs, never from chat text. */
    private static Activity shown(AdaptiveCard card) {
        return MessageFactory.attachment(card.attachment());
    }

    private static String optionLabel(Wording wording, Question question, String option) {
        return question.option(option)
                .map(o -> SurveyDefinition.localised(o.text(), wording.locale()))
                .orElseGet(() -> wording.text("survey.likert." + option));
    }

    private static Map<String, String> data(SurveyRound round, String step) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(AdaptiveCard.ACTION_KEY, SurveyConversation.ID);
        data.put(STEP, step);
        data.put(ROUND, round.id());
        return data;
    }
}
