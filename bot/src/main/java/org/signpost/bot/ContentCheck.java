package org.signpost.bot;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.signpost.dialogs.content.ContentException;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyDefinition.Question;
import org.signpost.dialogs.survey.SurveyDefinition.Type;

/**
 * Content is checked when the bot starts, shipped files and the organisation's alike, so a broken file
 * stops start-up naming the file and the problem, instead of breaking the first conversation for
 * everyone. The wording and the support directory check themselves as they load ({@link Messages},
 * the support card), and so do the crisis detector's files; this adds the surveys and the intent and
 * theme training files.
 */
final class ContentCheck {

    private static final String DEFAULT_LOCALE = Messages.DEFAULT_LOCALE.toLanguageTag();
    private static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    /** Intent training lines for things the bot does not do (OpenNlpIntents): never a capability. */
    private static final String NO_INTENT = "none";

    private ContentCheck() {
    }

    /** Every survey file: readable, well formed, en-GB text for its title, questions and options. */
    static void surveys(ContentFolder content, Messages messages) {
        SurveyCatalog catalog = new SurveyCatalog(content);
        for (String name : content.list("surveys")) {
            if (!name.endsWith(".yaml")) {
                continue;
            }
            String file = "surveys/" + name;
            String origin = content.file(file).orElseThrow().origin();
            SurveyDefinition survey;
            try {
                survey = catalog.load(name.substring(0, name.length() - ".yaml".length()));
            } catch (IllegalArgumentException e) {
                throw new ContentException(origin + ": " + e.getMessage());
            }
            if (survey.title() == null || !survey.title().containsKey(DEFAULT_LOCALE)) {
                throw new ContentException(origin + ": the survey has no " + DEFAULT_LOCALE + " title");
            }
            Set<String> wording = new TreeSet<>();
            for (Question question : survey.questions()) {
                if (question.type() == Type.LIKERT) {
                    question.optionIds().forEach(option -> wording.add("survey.likert." + option));
                }
                for (SurveyDefinition.Option option : question.options()) {
                    if (option.id() == null || option.text() == null || !option.text().containsKey(DEFAULT_LOCALE)) {
                        throw new ContentException(origin + ": question " + question.id() + ", option " + option.id()
                                + " has no " + DEFAULT_LOCALE + " text");
                    }
                }
            }
            messages.require(wording, origin);
        }
    }

    /**
     * The intent and theme training files: {@code <label> <text>} lines, well-formed labels, at least two
     * of them, and a themes file only the themes a free-text answer is counted by. (The crisis files,
     * scope and phrase nets check themselves as the crisis detector loads them.)
     */
    static void trainingFiles(ContentFolder content) {
        for (String name : content.list("nlp")) {
            if (!name.endsWith(".txt")) {
                continue;
            }
            if (name.startsWith("intents-")) {
                labels(content, "nlp/" + name);
            } else if (name.startsWith("themes-")) {
                only(labels(content, "nlp/" + name), SurveyDefinition.THEMES, content, "nlp/" + name);
            }
        }
    }

    /** The intents files name only capabilities the bot has (or "none"): anything else is a typo. */
    static void intentLabels(ContentFolder content, Collection<String> capabilities) {
        Set<String> known = new LinkedHashSet<>(capabilities);
        known.add(NO_INTENT);
        for (String name : content.list("nlp")) {
            if (name.startsWith("intents-") && name.endsWith(".txt")) {
                only(labels(content, "nlp/" + name), known, content, "nlp/" + name);
            }
        }
    }

    private static void only(Set<String> labels, Collection<String> allowed, ContentFolder content, String file) {
        Set<String> unknown = new TreeSet<>(labels);
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new ContentException(content.file(file).orElseThrow().origin() + ": unknown label(s) "
                    + String.join(", ", unknown) + "; the labels are " + String.join(", ", allowed));
        }
    }

    private static Set<String> labels(ContentFolder content, String file) {
        ContentFolder.Version version = content.file(file).orElseThrow();
        Set<String> labels = new TreeSet<>();
        String[] lines = new String(version.bytes(), StandardCharsets.UTF_8).split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            String label = space < 0 ? line : line.substring(0, space);
            if (space < 0 || line.substring(space).isBlank() || !LABEL.matcher(label).matches()) {
                throw new ContentException(version.origin() + ", line " + (i + 1)
                        + ": a line is a label (lower-case, hyphens), a space and a text");
            }
            labels.add(label);
        }
        if (labels.size() < 2) {
            throw new ContentException(version.origin() + ": needs lines of at least two labels to learn from");
        }
        return labels;
    }
}
