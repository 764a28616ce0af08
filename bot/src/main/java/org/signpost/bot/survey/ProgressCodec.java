package org.signpost.bot.survey;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyDefinition.Question;
import org.signpost.dialogs.survey.SurveyProgress;

/**
 * Answers in progress as bytes of one fixed length per survey, whatever was answered: encryption hides
 * the content but not the length, and option ids of different lengths ("agree", "strongly-disagree")
 * would otherwise show through. Per question: a state byte (not reached, skipped, answered) and a bitmask
 * of the chosen options (several for a free-text question's themes).
 */
final class ProgressCodec {

    private static final byte FORMAT = 1;
    private static final byte NOT_REACHED = 0;
    private static final byte SKIPPED = 1;
    private static final byte ANSWERED = 2;

    /**
     * The last survey's layout: every card click encodes or decodes, and working out each question's options
     * again each time was most of what a survey turn allocated. It holds only the survey's structure.
     */
    private static volatile Layout last;

    private ProgressCodec() {
    }

    /** A survey's question ids and option ids, in order, and the record's length. */
    private record Layout(SurveyDefinition survey, String[] questionIds, List<List<String>> optionIds, int length) {

        static Layout of(SurveyDefinition survey) {
            Layout known = last;
            if (known != null && known.survey == survey) {
                return known;
            }
            List<Question> questions = survey.questions();
            String[] ids = new String[questions.size()];
            List<List<String>> options = new ArrayList<>(questions.size());
            int length = 1 + 2;
            for (int q = 0; q < ids.length; q++) {
                ids[q] = questions.get(q).id();
                options.add(List.copyOf(questions.get(q).optionIds()));
                length += 1 + maskBytes(options.get(q));
            }
            Layout layout = new Layout(survey, ids, List.copyOf(options), length);
            last = layout;
            return layout;
        }
    }

    static byte[] encode(SurveyDefinition survey, SurveyProgress progress) {
        Layout layout = Layout.of(survey);
        ByteBuffer bytes = ByteBuffer.allocate(layout.length()).put(FORMAT).putShort((short) progress.next());
        Map<String, String> answers = progress.answers();
        for (int q = 0; q < layout.questionIds().length; q++) {
            List<String> optionIds = layout.optionIds().get(q);
            String answer = answers.get(layout.questionIds()[q]);
            byte[] chosen = new byte[maskBytes(optionIds)];
            if (answer == null) {
                bytes.put(NOT_REACHED);
            } else if (answer.isEmpty()) {
                bytes.put(SKIPPED);
            } else {
                bytes.put(ANSWERED);
                for (String option : answer.split(",")) {
                    int index = optionIds.indexOf(option);
                    if (index < 0) {
                        throw new IllegalArgumentException("Not an option of this question");
                    }
                    chosen[index / 8] |= (byte) (1 << (index % 8));
                }
            }
            bytes.put(chosen);
        }
        return bytes.array();
    }

    /** Empty when the bytes were not written by this codec for this survey. */
    static Optional<SurveyProgress> decode(SurveyDefinition survey, String roundId, byte[] encoded) {
        Layout layout = Layout.of(survey);
        if (encoded.length != layout.length() || encoded[0] != FORMAT) {
            return Optional.empty();
        }
        ByteBuffer bytes = ByteBuffer.wrap(encoded, 1, encoded.length - 1);
        int next = Short.toUnsignedInt(bytes.getShort());
        if (next > layout.questionIds().length) {
            return Optional.empty();
        }
        Map<String, String> answers = new LinkedHashMap<>();
        for (int q = 0; q < layout.questionIds().length; q++) {
            List<String> optionIds = layout.optionIds().get(q);
            byte state = bytes.get();
            int at = bytes.position();
            bytes.position(at + maskBytes(optionIds));
            if (state == SKIPPED) {
                answers.put(layout.questionIds()[q], SurveyProgress.SKIPPED);
            } else if (state == ANSWERED) {
                String chosen = chosen(optionIds, encoded, at);
                if (chosen == null) {
                    return Optional.empty();
                }
                answers.put(layout.questionIds()[q], chosen);
            } else if (state != NOT_REACHED) {
                return Optional.empty();
            }
        }
        return Optional.of(new SurveyProgress(roundId, next, answers));
    }

    /** The options a bitmask at {@code at} names, comma-separated; null when it names none. */
    private static String chosen(List<String> optionIds, byte[] encoded, int at) {
        String single = null;
        StringBuilder several = null;
        for (int index = 0; index < optionIds.size(); index++) {
            if ((encoded[at + index / 8] & (1 << (index % 8))) == 0) {
                continue;
            }
            if (single == null) {
                single = optionIds.get(index);
            } else {
                if (several == null) {
                    several = new StringBuilder(single);
                }
                several.append(',').append(optionIds.get(index));
            }
        }
        return several != null ? several.toString() : single;
    }

    static int length(SurveyDefinition survey) {
        return Layout.of(survey).length();
    }

    private static int maskBytes(List<String> optionIds) {
        return (optionIds.size() + 7) / 8;
    }
}
