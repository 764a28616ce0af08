package org.signpost.dialogs.broadcast;

import java.time.Duration;
import java.util.Optional;

/** Port: when to try a send again after the connector asked, or empty to give up (the outbound retry rules). */
@FunctionalInterface
public interface Backoff {

    Optional<Duration> next(int attemptsMade, Optional<Duration> retryAfter);
}
