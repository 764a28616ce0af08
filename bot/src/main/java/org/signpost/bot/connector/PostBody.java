package org.signpost.bot.connector;

import java.io.ByteArrayOutputStream;

/**
 * Each thread's buffer for the activity it posts: {@code writeValueAsBytes} wrote the JSON into a buffer and then
 * copied it whole into an array of its exact size, on every reply (1.4% of a turn's allocation). A buffer grown past
 * {@link #KEPT_AT_MOST} is not kept; one in use (a post within a post) is never handed out again.
 */
final class PostBody extends ByteArrayOutputStream {

    static final int KEPT_AT_MOST = 64 * 1024;
    private static final ThreadLocal<PostBody> OWN = ThreadLocal.withInitial(PostBody::new);

    private boolean inUse;

    private PostBody() {
        super(8 * 1024);
    }

    /** This thread's buffer, empty; {@link #release} it when the call that reads it has ended. */
    static PostBody take() {
        PostBody own = OWN.get();
        PostBody body = own.inUse ? new PostBody() : own;
        body.reset();
        body.inUse = true;
        return body;
    }

    /** The buffer itself: its first {@link #size()} bytes are the body. */
    byte[] bytes() {
        return buf;
    }

    void release() {
        inUse = false;
        if (buf.length > KEPT_AT_MOST && OWN.get() == this) {
            OWN.remove();
        }
    }
}
