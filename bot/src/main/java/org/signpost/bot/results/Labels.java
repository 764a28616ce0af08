package org.signpost.bot.results;

import java.util.Locale;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.results.GroupResult;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyDefinition.Question;

/** Words for ids: the survey's own text for questions and options, the wording file for the rest. */
public final class Labels {

    private final SurveyDefinition survey;
    private final Wording wording;

    Labels(SurveyDefinition survey, Wording wording) {
        this.survey = survey;
        this.wording = wording;
    }

    public String text(String key) {
        return wording.text(key);
    }

    /** A text with one placeholder filled in, in the plural form its value takes. */
    public String text(String key, String name, String value) {
        return wording.text(key, name, value);
    }

    public String survey() {
        return SurveyDefinition.localised(survey.title(), locale());
    }

    public String question(String questionId) {
        return survey.question(questionId).map(q -> SurveyDefinition.localised(q.text(), locale())).orElse(questionId);
    }

    public String option(String questionId, String optionId) {
        Question question = survey.question(questionId).orElseThrow();
        if (question.type() == SurveyDefinition.Type.FREETEXT) {
            return wording.text("results.theme." + optionId);
        }
        return question.option(optionId).map(o -> SurveyDefinition.localised(o.text(), locale()))
                .orElseGet(() -> wording.text("survey.likert." + optionId));
    }

    public String group(String groupingId, String value) {
        return value.equals(GroupResult.DID_NOT_SAY) ? wording.text("results.didNotSay") : option(groupingId, value);
    }

    public String grouping(String groupingId) {
        String key = "results.grouping." + groupingId;
        return wording.has(key) ? wording.text(key) : question(groupingId);
    }

    public String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    public String points(double change) {
        long points = Math.round(change * 100);
        return (points > 0 ? "+" : points < 0 ? "\u2212" : "") + Math.abs(points);
    }

    private Locale locale() {
        return wording.locale();
    }
}
