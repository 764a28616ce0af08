package org.signpost.dialogs.announcement;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Senders;
import org.signpost.dialogs.kernel.Turn;

/**
 * "I'll have a conversation about mental health today": counted once per person per year's Time to Talk
 * campaign by a keyed one-way token ({@link Pledges}); nothing else is kept, and no list of who pledged exists.
 */
public final class Pledge implements Capability {

    public static final String ID = "pledge";

    private final Pledges pledges;
    private final Clock clock;

    public Pledge(Pledges pledges, Clock clock) {
        this.pledges = pledges;
        this.clock = clock;
    }

    /** This year's campaign: one pledge a person a year. */
    public static String campaign(Clock clock) {
        return "time-to-talk-" + ZonedDateTime.now(clock.withZone(SendTime.UK)).getYear();
    }

    /** How long this year's campaign has left: its pledges are kept until then (UK time), and no longer. */
    public static Duration untilTheYearEnds(Clock clock) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(SendTime.UK));
        ZonedDateTime nextYear = now.withDayOfYear(1).toLocalDate().plusYears(1).atStartOfDay(SendTime.UK);
        return Duration.between(now, nextYear);
    }

    long thisYear() {
        return pledges.count(campaign(clock));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        // only a sender the channel vouches for counts, so nobody can pledge for someone else or twice
        Optional<String> person = turn.sender().sender().map(Senders.Sender::id);
        if (person.isEmpty()) {
            return turn.say("announcement.pledge.unknownSender");
        }
        boolean counted = pledges.pledge(campaign(clock), person.get(), untilTheYearEnds(clock));
        return turn.say(counted ? "announcement.pledge.counted" : "announcement.pledge.already");
    }
}
