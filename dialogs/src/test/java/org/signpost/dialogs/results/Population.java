package org.signpost.dialogs.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyDefinition.Option;
import org.signpost.dialogs.survey.SurveyDefinition.Question;
import org.signpost.dialogs.survey.SurveyDefinition.Type;

/**
 * Respondents made up for a test, counted exactly as the survey counts them (through
 * {@link CounterLayout}), so the rule is tested on the counters the store really holds.
 */
final class Population {

    static final SurveyDefinition SURVEY = new SurveyDefinition("pulse", Map.of("en-GB", "Pulse"), List.of(
            likert("workload"), likert("manager-support"),
            new Question("themes", Type.FREETEXT, true, false, Map.of("en-GB", "Anything else?"), List.of()),
            grouping("role", "manager", "not-manager", "prefer-not-to-say"),
            grouping("area", "north", "south", "east")));

    final List<Map<String, String>> people = new ArrayList<>();

    static Question likert(String id) {
        return new Question(id, Type.LIKERT, true, true, Map.of("en-GB", id), List.of());
    }

    static Question grouping(String id, String... values) {
        List<Option> options = new ArrayList<>();
        for (String value : values) {
            options.add(new Option(value, Map.of("en-GB", value)));
        }
        return new Question(id, Type.GROUPING, true, false, Map.of("en-GB", id), options);
    }

    /** {@code count} people with these answers (question id, option id; pairs). */
    Population add(int count, String... answers) {
        for (int i = 0; i < count; i++) {
            Map<String, String> person = new LinkedHashMap<>();
            for (int a = 0; a < answers.length; a += 2) {
                person.put(answers[a], answers[a + 1]);
            }
            people.add(person);
        }
        return this;
    }

    RoundCounts counts() {
        Map<String, Map<String, Long>> hashes = new HashMap<>();
        CounterLayout.allFields(SURVEY).forEach((hash, fields) -> {
            Map<String, Long> zeros = new HashMap<>();
            fields.forEach(field -> zeros.put(field, 0L));
            hashes.put(hash, zeros);
        });
        for (Map<String, String> person : people) {
            CounterLayout.increments(SURVEY, person).forEach((hash, fields) ->
                    fields.forEach(field -> hashes.get(hash).merge(field, 1L, Long::sum)));
        }
        return new RoundCounts(hashes);
    }

    /** The people in a set described by answers (question id, option id; pairs); "-" means skipped. */
    Set<Integer> who(String... answers) {
        Set<Integer> found = new HashSet<>();
        for (int i = 0; i < people.size(); i++) {
            boolean match = true;
            for (int a = 0; a < answers.length; a += 2) {
                String given = people.get(i).get(answers[a]);
                match &= answers[a + 1].equals("-") ? given == null : answers[a + 1].equals(given);
            }
            if (match) {
                found.add(i);
            }
        }
        return found;
    }
}
