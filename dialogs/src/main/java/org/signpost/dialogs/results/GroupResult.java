package org.signpost.dialogs.results;

import java.util.Map;

/**
 * One value of a grouping question ("managers"), or the people who did not say ({@link #DID_NOT_SAY}).
 * A hidden group carries no number: it shows only "not enough responses".
 *
 * @param questions non-grouping question id to cell
 */
public record GroupResult(String value, boolean shown, long responses, Map<String, Cell> questions) {

    /** The people who skipped the grouping question: overall minus everyone who answered it. */
    public static final String DID_NOT_SAY = "did-not-say";

    public GroupResult {
        questions = Map.copyOf(questions);
        if (!shown && (responses != 0 || questions.values().stream().anyMatch(Cell::shown))) {
            throw new IllegalArgumentException("A hidden group carries no number");
        }
    }

    public Cell cell(String question) {
        return questions.getOrDefault(question, Cell.hidden());
    }
}
