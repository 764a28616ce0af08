package org.signpost.bot.focusgroup;

import java.util.List;
import org.signpost.bot.redis.Keyspace;

/**
 * Where a focus-group session is kept, every key under its id as hash tag: its details with its status and places
 * ({@code focus:{id}}), the places taken ({@code signup:{id}:seats}), the waiting list in order
 * ({@code signup:{id}:queue}) and the waiters' sign-ups ({@code signup:{id}:waiting}); and the index of sessions.
 */
final class SessionKeys {

    static final int DETAILS = 0;
    static final int SEATS = 1;
    static final int QUEUE = 2;
    static final int WAITING = 3;

    private final String prefix;

    SessionKeys(String prefix) {
        this.prefix = prefix;
    }

    /** The session's keys in the order its scripts take them: details, seats, queue, waiting. */
    List<String> of(String sessionId) {
        return List.of(Keyspace.FOCUS.key(prefix, sessionId), Keyspace.SIGNUP.key(prefix, sessionId, ":seats"),
                Keyspace.SIGNUP.key(prefix, sessionId, ":queue"), Keyspace.SIGNUP.key(prefix, sessionId, ":waiting"));
    }

    String index() {
        return Keyspace.FOCUS.key(prefix, "sessions");
    }
}
