package org.signpost.bot.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The conversations this instance itself marked active a moment ago, by keyed one-way name only (never a
 * conversation id), each with the time it wrote: at most {@code capacity} of them, and none older than the
 * window it was kept for once anything is marked again. Lost to a restart or to the bound, a mark is only
 * asked of Redis again.
 */
final class RecentMarks {

    private final int capacity;
    /** Oldest mark first: a mark made again moves to the end. */
    private final LinkedHashMap<String, Instant> marks = new LinkedHashMap<>();

    RecentMarks(int capacity) {
        this.capacity = capacity;
    }

    /** Whether this instance wrote a mark for {@code name} less than {@code window} before {@code now}. */
    synchronized boolean within(String name, Instant now, Duration window) {
        Instant marked = marks.get(name);
        return marked != null && now.isBefore(marked.plus(window));
    }

    /** Redis holds at least {@code at} for {@code name} (written by this instance); marks older than {@code window} go. */
    synchronized void marked(String name, Instant at, Duration window) {
        Instant previous = marks.remove(name);
        marks.put(name, previous != null && previous.isAfter(at) ? previous : at);
        Iterator<Map.Entry<String, Instant>> oldest = marks.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Instant> mark = oldest.next();
            if (marks.size() <= capacity && at.isBefore(mark.getValue().plus(window))) {
                return;
            }
            oldest.remove();
        }
    }

    /** Nothing is known of {@code name} here any more: its next turn asks Redis. */
    synchronized void forget(String name) {
        marks.remove(name);
    }

    synchronized int size() {
        return marks.size();
    }
}
