package org.signpost.dialogs.survey;

/** One run of a survey (a baseline, a repeat a year later); its totals are kept apart from other rounds'. */
public record SurveyRound(String id, SurveyDefinition survey) {

    public SurveyRound {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException("A round id is lower-case letters, digits and hyphens");
        }
    }
}
