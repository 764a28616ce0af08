package org.signpost.dialogs.flow;

import java.util.List;
import org.signpost.dialogs.kernel.Turn;

/**
 * What each flow has open, read once a turn and kept for that turn only: as the store may have read it a moment ago
 * (what the menu offers, say), or read fresh for someone who wants the flow (a click on its card, asking for it).
 */
final class OpenInstances {

    private OpenInstances() {
    }

    /** The flow's instances open, as read once in this turn: perhaps as the store read them a moment ago. */
    static List<String> read(Flow flow, Turn turn) {
        return openRead(flow, turn).instances(flow, false);
    }

    /** The same, read fresh in this turn (for someone who wants the flow): read now unless it was already. */
    static List<String> readFresh(Flow flow, Turn turn) {
        return openRead(flow, turn).instances(flow, true);
    }

    /** Whether the flow's open instances were read fresh in this turn already. */
    static boolean wereReadFresh(Flow flow, Turn turn) {
        return openRead(flow, turn).fresh();
    }

    /** A fresh read of the flow's open instances, made by the caller together with other reads: kept for this turn. */
    static void keepFresh(Flow flow, Turn turn, List<String> instances) {
        keep(flow, turn, instances, true);
    }

    /** A read of the flow's open instances made with the turn's first reads: kept for this turn. */
    static void keep(Flow flow, Turn turn, List<String> instances, boolean fresh) {
        openRead(flow, turn).keep(instances, fresh);
    }

    private static OpenRead openRead(Flow flow, Turn turn) {
        return turn.once("flow.open." + flow.id(), OpenRead::new);
    }

    /** What a flow has open, as read in this turn, and whether that read was fresh; the fresh one replaces the other. */
    private static final class OpenRead {
        private List<String> instances;
        private boolean fresh;

        synchronized void keep(List<String> read, boolean readFresh) {
            instances = read;
            fresh = readFresh;
        }

        synchronized boolean fresh() {
            return instances != null && fresh;
        }

        synchronized List<String> instances(Flow flow, boolean mustBeFresh) {
            if (instances == null || mustBeFresh && !fresh) {
                instances = mustBeFresh ? flow.openInstances() : flow.recentOpenInstancesCall().alone();
                fresh = mustBeFresh;
            }
            return instances;
        }
    }
}
