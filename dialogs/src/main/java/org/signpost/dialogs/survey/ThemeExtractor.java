package org.signpost.dialogs.survey;

import java.util.Set;

/**
 * Port: the themes a free-text answer touches ({@link SurveyDefinition#THEMES}). Only these ids go any
 * further; the words are never stored.
 */
public interface ThemeExtractor {

    Set<String> themes(String text);
}
