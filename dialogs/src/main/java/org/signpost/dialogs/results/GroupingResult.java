package org.signpost.dialogs.results;

import java.util.List;
import java.util.Optional;

/** The groups of one grouping question, in the survey's order, "did not say" last. */
public record GroupingResult(String question, List<GroupResult> groups) {

    public GroupingResult {
        groups = List.copyOf(groups);
    }

    public Optional<GroupResult> group(String value) {
        return groups.stream().filter(g -> g.value().equals(value)).findFirst();
    }
}
