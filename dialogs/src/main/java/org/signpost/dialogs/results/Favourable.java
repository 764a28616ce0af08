package org.signpost.dialogs.results;

import java.util.OptionalDouble;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyDefinition.Question;

/** The share of an agree/disagree question's answers that agree or strongly agree. */
public final class Favourable {

    private Favourable() {
    }

    public static boolean applies(Question question) {
        return question.type() == SurveyDefinition.Type.LIKERT;
    }

    /** Empty for a hidden cell or a question that is not agree/disagree. */
    public static OptionalDouble share(Question question, Cell cell) {
        if (!applies(question) || !cell.shown() || cell.answered() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) favourable(cell) / cell.answered());
    }

    static long favourable(Cell cell) {
        return cell.count("strongly-agree") + cell.count("agree");
    }
}
