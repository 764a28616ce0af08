package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyDefinition.Question;
import redis.clients.jedis.UnifiedJedis;

/**
 * What the totals of a round must be, tallied independently of the app: marginals overall and per value
 * of each grouping question, from the answers the test gave.
 */
public final class SurveyTally {

    public static final SurveyDefinition SURVEY = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");

    private final Map<String, Map<String, Long>> expected = new HashMap<>();
    private long responses;

    /** Answers to every choice question, some skipped; free text is measured by the language tests. */
    public static Map<String, String> randomAnswers(Random random) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (Question question : SURVEY.questions()) {
            if (question.type() != SurveyDefinition.Type.FREETEXT && random.nextInt(100) >= 15) {
                List<String> options = question.optionIds();
                answers.put(question.id(), options.get(random.nextInt(options.size())));
            }
        }
        return answers;
    }

    public synchronized void add(Map<String, String> answers) {
        responses++;
        add("all", "responses");
        answers.forEach((question, option) -> add("all", question + ":" + option));
        for (Question grouping : SURVEY.questions()) {
            String value = answers.get(grouping.id());
            if (!grouping.grouping() || value == null) {
                continue;
            }
            String group = "by:" + grouping.id() + ":" + value;
            add(group, "responses");
            answers.forEach((question, option) -> {
                if (!SURVEY.question(question).orElseThrow().grouping()) {
                    add(group, question + ":" + option);
                }
            });
        }
    }

    public long responses() {
        return responses;
    }

    /** Every counter of the round, read by its known key (no SCAN: in a cluster that would see one node). */
    public void assertTotals(UnifiedJedis redis, String prefix, String round) {
        Map<String, List<String>> hashes = CounterLayout.allFields(SURVEY);
        assertThat(hashes).isNotEmpty();
        hashes.forEach((hash, fields) -> {
            Map<String, String> stored = redis.hgetAll(prefix + "agg:{" + round + "}:" + hash);
            Map<String, Long> want = expected.getOrDefault(hash, Map.of());
            assertThat(stored.keySet()).as(hash).containsAll(want.keySet());
            stored.forEach((field, count) -> assertThat(Long.parseLong(count)).as("%s %s", hash, field)
                    .isEqualTo(want.getOrDefault(field, 0L)));
        });
        assertThat(redis.hget(prefix + "agg:{" + round + "}:meta", "submissions")).isEqualTo(Long.toString(responses));
    }

    private void add(String hash, String field) {
        expected.computeIfAbsent(hash, h -> new HashMap<>()).merge(field, 1L, Long::sum);
    }
}
