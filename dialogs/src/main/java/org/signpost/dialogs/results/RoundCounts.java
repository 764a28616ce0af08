package org.signpost.dialogs.results;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A round's counters as released (a snapshot): hash name ({@code all}, {@code by:<grouping>:<value>}) to
 * field ({@code <question>:<option>}, {@code responses}) to count, laid out as {@code CounterLayout} writes
 * them. Raw numbers: nothing may show them before {@link DisclosureControl} has been through them.
 */
public record RoundCounts(Map<String, Map<String, Long>> hashes) {

    public static final String OVERALL = "all";
    public static final String RESPONSES = "responses";

    public RoundCounts {
        Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
        hashes.forEach((hash, fields) -> copy.put(hash, Map.copyOf(fields)));
        hashes = Map.copyOf(copy);
    }

    public long count(String hash, String field) {
        return hashes.getOrDefault(hash, Map.of()).getOrDefault(field, 0L);
    }

    public long responses() {
        return count(OVERALL, RESPONSES);
    }

    static String groupHash(String grouping, String value) {
        return "by:" + grouping + ":" + value;
    }

    static String field(String question, String option) {
        return question + ":" + option;
    }
}
