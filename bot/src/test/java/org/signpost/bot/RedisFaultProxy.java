package org.signpost.bot;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback TCP proxy in front of Redis that, once armed, cuts the connection carrying a command
 * that contains a marker: either before forwarding it (Redis never sees it) or after (Redis runs it,
 * and its reply is lost). It can also play a Redis that is {@link #down down} (every connection cut and
 * new ones closed at once) or {@link #frozen frozen} (connections open, nothing answered).
 */
public final class RedisFaultProxy extends LoopbackProxy {

    public enum Cut { BEFORE_FORWARDING, AFTER_FORWARDING }

    private final AtomicReference<Cut> armed = new AtomicReference<>();
    private volatile String marker = "";
    private volatile int cuts;
    private volatile boolean down;
    private volatile boolean frozen;

    public RedisFaultProxy(int redisPort) {
        super(redisPort, "redis-fault-proxy");
    }

    /** The next command containing the marker is cut as said; later ones pass. */
    public void arm(Cut cut, String marker) {
        this.marker = marker;
        armed.set(cut);
    }

    public int cuts() {
        return cuts;
    }

    /** Down: every connection is cut now, and new ones are closed as soon as they open. */
    public void down(boolean down) {
        this.down = down;
        if (down) {
            cutAll();
        }
    }

    /** Frozen: connections stay open, but nothing reaches Redis and nothing comes back (a stopped process). */
    public void frozen(boolean frozen) {
        this.frozen = frozen;
        if (!frozen) {
            // what waited meanwhile is stale: its callers have timed out; cut it so nothing late arrives
            cutAll();
        }
    }

    @Override
    Link connected() {
        if (down) {
            return null;
        }
        AtomicBoolean dropReplies = new AtomicBoolean();
        return new Link() {
            @Override
            public Verdict fromClient(byte[] buffer, int length) {
                if (frozen) {
                    return Verdict.DROP;
                }
                Cut cut = matches(buffer, length) ? armed.getAndSet(null) : null;
                if (cut != null) {
                    cuts++;
                }
                if (cut == Cut.BEFORE_FORWARDING) {
                    return Verdict.CUT;
                }
                if (cut == Cut.AFTER_FORWARDING) {
                    dropReplies.set(true);
                }
                return Verdict.FORWARD;
            }

            @Override
            public Verdict fromServer(byte[] buffer, int length) {
                if (frozen) {
                    return Verdict.DROP;
                }
                return dropReplies.get() ? Verdict.CUT : Verdict.FORWARD;
            }
        };
    }

    private boolean matches(byte[] buffer, int length) {
        return armed.get() != null && new String(buffer, 0, length, StandardCharsets.ISO_8859_1).contains(marker);
    }
}
