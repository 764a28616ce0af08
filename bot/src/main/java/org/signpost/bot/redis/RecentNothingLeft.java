package org.signpost.bot.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.signpost.bot.keys.Pseudonyms;
import org.signpost.dialogs.flow.NothingLeftMemo;
import org.signpost.dialogs.kernel.Turn;

/**
 * What the menu read or learnt a moment ago on this instance of whether anything is left for a person in a flow's
 * open instance (the survey round answered, every session signed up for), under a keyed one-way name of the
 * conversation and the person in it (its own key: never an id, never a name found anywhere else), each fact no older
 * than the window: at most {@code capacity} names. Only in memory: lost to a restart or the bound, the menu asks
 * Redis again.
 */
final class RecentNothingLeft implements NothingLeftMemo {

    /** People remembered at once: a window's worth of the busiest turns, and the memory stays bounded. */
    static final int REMEMBERED = 20_000;

    private final Pseudonyms names;
    private final Clock clock;
    private final Duration window;
    private final int capacity;
    /** Least recently kept first: a person kept again moves to the end. */
    private final LinkedHashMap<String, Map<String, Kept>> people = new LinkedHashMap<>();

    private record Kept(boolean nothingLeft, Instant at) {
    }

    RecentNothingLeft(Pseudonyms names, Clock clock, Duration window, int capacity) {
        this.names = names;
        this.clock = clock;
        this.window = window;
        this.capacity = capacity;
    }

    @Override
    public Optional<Boolean> recall(Turn turn, String fact) {
        if (window.isZero()) {
            return Optional.empty();
        }
        String name = name(turn);
        Instant now = clock.instant();
        synchronized (this) {
            Map<String, Kept> facts = people.get(name);
            Kept kept = facts == null ? null : facts.get(fact);
            return kept != null && now.isBefore(kept.at().plus(window)) && !now.isBefore(kept.at())
                    ? Optional.of(kept.nothingLeft()) : Optional.empty();
        }
    }

    @Override
    public void keep(Turn turn, String fact, boolean nothingLeft) {
        if (window.isZero()) {
            return;
        }
        String name = name(turn);
        Instant now = clock.instant();
        synchronized (this) {
            Map<String, Kept> facts = people.remove(name);
            if (facts == null) {
                facts = new HashMap<>();
            }
            facts.put(fact, new Kept(nothingLeft, now));
            people.put(name, facts);
            Iterator<Map<String, Kept>> oldest = people.values().iterator();
            while (oldest.hasNext()) {
                Map<String, Kept> first = oldest.next();
                if (people.size() <= capacity && first.values().stream().anyMatch(k -> now.isBefore(k.at().plus(window)))) {
                    return;
                }
                oldest.remove();
            }
        }
    }

    @Override
    public void forget(Turn turn, String fact) {
        String name = name(turn);
        synchronized (this) {
            Map<String, Kept> facts = people.get(name);
            if (facts != null) {
                facts.remove(fact);
            }
        }
    }

    /** The person in this conversation, by keyed one-way name: made once a turn. */
    private String name(Turn turn) {
        return turn.once("menu.memo.name", () -> {
            Turn.From from = turn.from();
            return names.of(turn.conversationKey(), from.id() == null ? "" : from.id());
        });
    }

    synchronized int size() {
        return people.size();
    }
}
