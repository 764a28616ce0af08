package org.signpost.bot.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyDefinition.Question;

/**
 * What a person's identifier or an answer looks like in clear text, to find one where none may be: Entra
 * object ids and other GUIDs, Teams user and conversation ids, e-mail addresses, the inputs of respondent
 * tokens; and a question id next to one of its option ids, as a counter field or JSON would write it.
 */
final class Identifiers {

    private static final List<Pattern> IDENTIFIERS = List.of(
            Pattern.compile("(?i)(?<![0-9a-f])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f])"),
            // not after "<digit>:", where "29:" is the minutes of a time of day (a log line's 15:29:54)
            Pattern.compile("(?<![A-Za-z0-9])(?<![0-9]:)(29|28|8:orgid|8:teamsvisitor):[A-Za-z0-9_.:-]{4,}"),
            Pattern.compile("(?<![A-Za-z0-9])a:[A-Za-z0-9_-]{8,}"),
            Pattern.compile("(?<![A-Za-z0-9])19:[A-Za-z0-9_.-]+@thread"),
            Pattern.compile("msteams/"),
            Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"),
            Pattern.compile("(?<![A-Za-z0-9])(aad|trial):[A-Za-z0-9]"));

    private final List<String> answers;

    Identifiers(List<SurveyDefinition> surveys) {
        List<String> needles = new ArrayList<>();
        for (SurveyDefinition survey : surveys) {
            for (Question question : survey.questions()) {
                for (String option : question.optionIds()) {
                    needles.add(question.id() + ":" + option);
                    needles.add("\"" + question.id() + "\":\"" + option);
                }
            }
        }
        this.answers = List.copyOf(needles);
    }

    static boolean namesSomeone(String text) {
        return IDENTIFIERS.stream().anyMatch(pattern -> pattern.matcher(text).find());
    }

    /** A question id next to one of its option ids. */
    boolean holdsAnswers(String text) {
        return answers.stream().anyMatch(text::contains);
    }
}
