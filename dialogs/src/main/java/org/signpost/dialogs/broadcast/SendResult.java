package org.signpost.dialogs.broadcast;

import java.time.Duration;
import java.util.Optional;

/** What became of one attempt to send, as the courier saw it. */
public sealed interface SendResult {

    /** The connector took it. */
    record Delivered() implements SendResult {
    }

    /** The connector asked to try again later (Teams: 412, 429, 502, 504), perhaps saying when. */
    record TryAgain(int status, Optional<Duration> retryAfter) implements SendResult {
    }

    /** The person blocked or removed the bot (403): their reference is forgotten. */
    record Gone() implements SendResult {
    }

    /** No reference any more (uninstalled, or "stop announcements" since the broadcast was queued). */
    record NoReference() implements SendResult {
    }

    /** The connector refused it for good. */
    record Failed(int status) implements SendResult {
    }

    /**
     * Not sent: no rate permit when it was about to leave (the window filled while the instance stalled,
     * or the tenant was paused meanwhile); it is claimed again.
     */
    record Late() implements SendResult {
    }

    /** No answer after the request went out (a timeout): it may have been posted, so it is not sent again. */
    record MaybeSent() implements SendResult {
    }
}
