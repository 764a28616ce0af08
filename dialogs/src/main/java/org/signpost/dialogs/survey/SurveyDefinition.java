package org.signpost.dialogs.survey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.signpost.dialogs.content.Localised;
import org.signpost.dialogs.content.Messages;

/** A survey as its YAML file defines it: questions and options with stable ids and per-locale text. */
public record SurveyDefinition(String id, Map<String, String> title, List<Question> questions) {

    public enum Type { LIKERT, SINGLE, GROUPING, FREETEXT }

    /** What free-text answers are reduced to; the counters of a free-text question are named by these. */
    public static final List<String> THEMES = List.of("workload", "manager-support", "colleagues", "stigma",
            "training", "policies", "absence-return", "menopause", "hybrid-remote", "bullying-harassment",
            "job-security", "other");

    /** The five agree/disagree points, strongest agreement first; labels are wording, ids are counters. */
    static final List<String> LIKERT_POINTS =
            List.of("strongly-agree", "agree", "neither", "disagree", "strongly-disagree");
    static final String PREFER_NOT_TO_SAY = "prefer-not-to-say";
    private static final List<String> LIKERT_POINTS_OR_NOT_SAY =
            Stream.concat(LIKERT_POINTS.stream(), Stream.of(PREFER_NOT_TO_SAY)).toList();

    public record Option(String id, Map<String, String> text) {
    }

    public record Question(String id, Type type, boolean optional, boolean preferNotToSay, Map<String, String> text,
            List<Option> options) {

        /** The option ids in display order: the Likert points, or the listed options. */
        public List<String> optionIds() {
            if (type == Type.FREETEXT) {
                return THEMES;
            }
            if (type != Type.LIKERT) {
                return options.stream().map(Option::id).toList();
            }
            // constants: the progress codec asks on every card click
            return preferNotToSay ? LIKERT_POINTS_OR_NOT_SAY : LIKERT_POINTS;
        }

        public boolean grouping() {
            return type == Type.GROUPING;
        }

        public Optional<Option> option(String optionId) {
            return options.stream().filter(o -> o.id().equals(optionId)).findFirst();
        }
    }

    public SurveyDefinition {
        questions = List.copyOf(questions);
        Set<String> ids = new HashSet<>();
        for (Question question : questions) {
            if (!ids.add(question.id())) {
                throw new IllegalArgumentException("Survey " + id + ": question id " + question.id() + " is used twice");
            }
            boolean fixedOptions = question.type() == Type.LIKERT || question.type() == Type.FREETEXT;
            if (fixedOptions && !question.options().isEmpty()) {
                throw new IllegalArgumentException("Survey " + id + ": question " + question.id()
                        + " takes no options (they are fixed)");
            }
            if (!fixedOptions && question.options().size() < 2) {
                throw new IllegalArgumentException("Survey " + id + ": question " + question.id() + " needs options");
            }
            if (new HashSet<>(question.optionIds()).size() != question.optionIds().size()) {
                throw new IllegalArgumentException("Survey " + id + ": question " + question.id() + " repeats an option id");
            }
            if (!question.text().containsKey(Messages.DEFAULT_LOCALE.toLanguageTag())) {
                throw new IllegalArgumentException("Survey " + id + ": question " + question.id() + " has no en-GB text");
            }
        }
    }

    public int size() {
        return questions.size();
    }

    public Optional<Question> question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    public int indexOf(String questionId) {
        for (int i = 0; i < questions.size(); i++) {
            if (questions.get(i).id().equals(questionId)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A hash of what the counters depend on (question ids, types, option ids), not of the wording: a
     * round pins it, and an edit that changes it while the round is open would corrupt the totals.
     */
    public String structureHash() {
        StringBuilder structure = new StringBuilder(id);
        for (Question question : questions) {
            structure.append('\n').append(question.id()).append(':').append(question.type()).append(':')
                    .append(String.join(",", question.optionIds()));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(structure.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text for a locale: exact tag, then language, then en-GB. */
    public static String localised(Map<String, String> text, Locale locale) {
        return Localised.pick(text, locale);
    }
}
