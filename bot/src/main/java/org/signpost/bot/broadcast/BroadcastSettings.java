package org.signpost.bot.broadcast;

import java.time.Duration;
import org.signpost.bot.connector.RetryPolicy;
import org.signpost.dialogs.broadcast.DeliverySettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How announcements go out ({@code signpost.broadcast.*}, e.g. {@code SIGNPOST_BROADCAST_RATE_PER_SECOND}).
 *
 * @param enabled           whether this instance delivers (every instance may: claims keep sends single)
 * @param ratePerSecond     sends per tenant in any one-second window, all instances together (Teams: about 30)
 * @param rateGuard         added to the window, so sends stay spaced at the connector despite network jitter
 * @param lease             how long a claimed message belongs to the instance sending it; a claim older than
 *                          this is counted as unknown (its instance died mid-send), never sent again
 * @param batch             sends in flight at once from one instance
 * @param idlePoll          how often an idle instance looks for announcements whose time has come
 * @param expansionPage     recipients queued per round trip when an announcement starts
 * @param maxAttempts       attempts of one message, the first included, when Teams asks to try again
 * @param initialRetryDelay backoff before the first retry, doubling after (with jitter), at least Retry-After
 * @param maxRetryDelay     the longest backoff
 * @param longestWait       a Retry-After longer than this gives the message up (counted as failed)
 * @param rosterPage        team members read per roster call, when an announcement to everyone reaches the
 *                          members of the bot's teams who have no personal chat with it yet (Teams: at most 500)
 * @param retention         how long an announcement's record (template, audience, time, figures, and the own words
 *                          of a "you said, we did") is kept after its time to send; then it is deleted
 */
@ConfigurationProperties("signpost.broadcast")
public record BroadcastSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30") int ratePerSecond,
        @DefaultValue("25ms") Duration rateGuard,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("64") int batch,
        @DefaultValue("5s") Duration idlePoll,
        @DefaultValue("500") int expansionPage,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("1s") Duration initialRetryDelay,
        @DefaultValue("60s") Duration maxRetryDelay,
        @DefaultValue("10m") Duration longestWait,
        @DefaultValue("100") int rosterPage,
        @DefaultValue("365d") Duration retention) {

    public BroadcastSettings {
        if (rosterPage < 1 || rosterPage > 500) {
            throw new IllegalArgumentException("signpost.broadcast.roster-page must be between 1 and 500");
        }
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("signpost.broadcast.retention must be at least a day");
        }
    }

    public DeliverySettings delivery() {
        return new DeliverySettings(ratePerSecond, rateGuard, lease, batch, idlePoll, expansionPage);
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, initialRetryDelay, maxRetryDelay, longestWait);
    }
}
