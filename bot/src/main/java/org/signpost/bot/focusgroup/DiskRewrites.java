package org.signpost.bot.focusgroup;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-ups deleted from Redis are still in its append-only file until the file is rewritten: after a
 * withdrawal, a deleted session or an expiry, the next timer tick asks Redis for a rewrite, and asks
 * again at every tick until Redis accepts.
 */
final class DiskRewrites {

    /** Asks Redis for a rewrite; throws when refused. */
    interface Request {
        void rewrite();
    }

    private static final Logger log = LoggerFactory.getLogger(DiskRewrites.class);

    private final Request request;
    private final AtomicBoolean due = new AtomicBoolean();

    DiskRewrites(Request request) {
        this.request = request;
    }

    void soon() {
        due.set(true);
    }

    boolean due() {
        return due.get();
    }

    void tick() {
        if (!due.compareAndSet(true, false)) {
            return;
        }
        try {
            request.rewrite();
        } catch (RuntimeException refused) {
            due.set(true);
            log.warn("Redis refused to rewrite its append-only file after focus-group sign-ups were deleted ({}); "
                    + "asking again at the next tick", refused.getClass().getSimpleName());
        }
    }
}
