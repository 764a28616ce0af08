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

    private ProgressCodec() {
    }

    static byte[] encode(SurveyDefinition survey, SurveyProgress progress) {
        ByteBuffer bytes = ByteBuffer.allocate(length(survey)).put(FORMAT).putShort((short) progress.next());
        for (Question question : survey.questions()) {
            String answer = progress.answers().get(question.id());
            byte[] chosen = new byte[maskBytes(question)];
            if (answer == null) {
                bytes.put(NOT_REACHED);
            } else if (answer.isEmpty()) {
                bytes.put(SKIPPED);
            } else {
                bytes.put(ANSWERED);
                for (String option : answer.split(",")) {
                    int index = question.optionIds().indexOf(option);
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
        if (encoded.length != length(survey) || encoded[0] != FORMAT) {
            return Optional.empty();
        }
        ByteBuffer bytes = ByteBuffer.wrap(encoded, 1, encoded.length - 1);
        int next = Short.toUnsignedInt(bytes.getShort());
        if (next > survey.size()) {
            return Optional.empty();
        }
        Map<String, String> answers = new LinkedHashMap<>();
        for (Question question : survey.questions()) {
            byte state = bytes.get();
            byte[] chosen = new byte[maskBytes(question)];
            bytes.get(chosen);
            if (state == SKIPPED) {
                answers.put(question.id(), SurveyProgress.SKIPPED);
            } else if (state == ANSWERED) {
                List<String> options = new ArrayList<>();
                for (int index = 0; index < question.optionIds().size(); index++) {
                    if ((chosen[index / 8] & (1 << (index % 8))) != 0) {
                        options.add(question.optionIds().get(index));
                    }
                }
                if (options.isEmpty()) {
                    return Optional.empty();
                }
                answers.put(question.id(), String.join(",", options));
            } else if (state != NOT_REACHED) {
                return Optional.empty();
            }
        }
        return Optional.of(new SurveyProgress(roundId, next, answers));
    }

    static int length(SurveyDefinition survey) {
        return 1 + 2 + survey.questions().stream().mapToInt(question -> 1 + maskBytes(question)).sum();
    }

    private static int maskBytes(Question question) {
        return (question.optionIds().size() + 7) / 8;
    }
}
