package org.signpost.dialogs.results;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ObjLongConsumer;

/**
 * One question's answers inside one group (or everyone). A hidden cell carries no number at all, so no
 * output can show one by mistake. The counts are a plain array beside the question's option ids (shared by
 * every cell of the question): the largest round the schema allows has thousands of cells.
 */
public final class Cell {

    private static final Cell HIDDEN = new Cell(false, 0, List.of(), new long[0]);

    private final boolean shown;
    private final long answered;
    private final List<String> optionIds;
    private final long[] counts;

    /**
     * @param answered the people who gave an answer other than "prefer not to say" (for free text: at least
     *                 this many, the largest theme count, since one answer can touch several themes)
     * @param options  option id to count, in the survey's order; ignored when hidden
     */
    public Cell(boolean shown, long answered, Map<String, Long> options) {
        this(shown, answered, shown ? List.copyOf(options.keySet()) : List.of(),
                shown ? options.values().stream().mapToLong(Long::longValue).toArray() : new long[0]);
    }

    private Cell(boolean shown, long answered, List<String> optionIds, long[] counts) {
        if (!shown && answered != 0) {
            throw new IllegalArgumentException("A hidden cell carries no number");
        }
        this.shown = shown;
        this.answered = answered;
        this.optionIds = optionIds;
        this.counts = counts;
    }

    /** A shown cell that takes over {@code counts} (one per option id, in order): the caller keeps no reference. */
    static Cell shown(long answered, List<String> optionIds, long[] counts) {
        if (optionIds.size() != counts.length) {
            throw new IllegalArgumentException("One count per option");
        }
        return new Cell(true, answered, optionIds, counts);
    }

    public static Cell hidden() {
        return HIDDEN;
    }

    public boolean shown() {
        return shown;
    }

    public long answered() {
        return answered;
    }

    /** Option id to count, in the survey's order; empty when hidden. A new map at every call. */
    public Map<String, Long> options() {
        Map<String, Long> options = new LinkedHashMap<>();
        forEachOption(options::put);
        return Collections.unmodifiableMap(options);
    }

    /** Each option id with its count, in the survey's order; none when hidden. */
    public void forEachOption(ObjLongConsumer<String> action) {
        for (int i = 0; i < counts.length; i++) {
            action.accept(optionIds.get(i), counts[i]);
        }
    }

    public long count(String option) {
        int at = optionIds.indexOf(option);
        return at < 0 ? 0 : counts[at];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cell cell && shown == cell.shown && answered == cell.answered
                && optionIds.equals(cell.optionIds) && Arrays.equals(counts, cell.counts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(shown, answered, optionIds, Arrays.hashCode(counts));
    }

    @Override
    public String toString() {
        return "Cell[shown=" + shown + ", answered=" + answered + ", options=" + options() + "]";
    }
}
