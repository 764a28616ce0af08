package org.signpost.bot.focusgroup;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Focus groups.
 *
 * @param sessions  sessions to create at start-up when they do not exist yet (by id); facilitators manage
 *                  them on the pages after that. A local trial with none gets a sample session a week ahead.
 * @param tick      how often the timer looks for sign-ups to delete, reminders to send and a rewrite to ask for
 * @param invitationsUrl the public address of the calendar invitations, linked from the sign-up receipt
 * @param signUpTtl how long an unfinished sign-up in chat is kept (at most the survey's progress TTL, the
 *                  audit's bound for the progress keyspace)
 * @param contactLookupTimeout how long the sign-up waits for the Teams profile's address (the connector's
 *                  member lookup) before it goes on without one
 */
@ConfigurationProperties("signpost.focusgroups")
record FocusGroupSettings(@DefaultValue List<ConfiguredSession> sessions, @DefaultValue("1m") Duration tick,
        @DefaultValue("http://localhost:3978/focus-groups/invitations") String invitationsUrl,
        @DefaultValue("1h") Duration signUpTtl, @DefaultValue("3s") Duration contactLookupTimeout) {

    FocusGroupSettings {
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("signpost.focusgroups.tick must be positive");
        }
        if (signUpTtl.isNegative() || signUpTtl.isZero() || signUpTtl.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("signpost.focusgroups.sign-up-ttl must be positive, at most a day");
        }
        if (contactLookupTimeout.isNegative() || contactLookupTimeout.isZero()
                || contactLookupTimeout.compareTo(Duration.ofSeconds(8)) > 0) {
            throw new IllegalArgumentException("signpost.focusgroups.contact-lookup-timeout must be positive, at most 8s");
        }
    }

    /**
     * @param id         {@code s-} and 4 to 32 lower-case letters or digits
     * @param start      local date and time in Europe/London, e.g. 2026-03-04T14:00
     * @param guide      the discussion guide's questions; the default guide when empty
     * @param open       whether it takes sign-ups at once (otherwise a draft)
     */
    record ConfiguredSession(String id, String title, String audience, LocalDateTime start,
            @DefaultValue("90m") Duration length, String place, @DefaultValue("8") int capacity,
            @DefaultValue List<String> facilitators, String firstAider, @DefaultValue List<String> guide,
            @DefaultValue("30d") Duration retention, @DefaultValue("true") boolean open) {
    }
}
