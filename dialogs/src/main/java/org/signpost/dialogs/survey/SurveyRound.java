package org.signpost.dialogs.survey;

import java.util.regex.Pattern;

/** One run of a survey (a baseline, a repeat a year later); its totals are kept apart from other rounds'. */
public record SurveyRound(String id, SurveyDefinition survey) {

    /** Compiled once: a round is made, and its id checked, on every turn that reads the open round. */
    private static final Pattern VALID_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    public SurveyRound {
        if (!validId(id)) {
            throw new IllegalArgumentException("A round id is lower-case letters, digits and hyphens");
        }
    }

    /** Lower-case letters, digits and hyphens, at most 40: safe in a Redis key, a file name and a URL. */
    public static boolean validId(String id) {
        return id != null && VALID_ID.matcher(id).matches();
    }
}
