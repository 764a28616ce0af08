package org.signpost.dialogs.flow;

import java.time.Duration;
import java.util.Optional;
import org.signpost.dialogs.kernel.Together;

/**
 * Port: the one flow in progress in each conversation, kept once per conversation with a TTL. It must not
 * tell a reader of the store who is doing what: an adapter keys it by a keyed one-way name of the
 * conversation and seals it. It is a pointer only: the flow's run store holds the truth, so a pointer whose
 * run is gone is treated as none.
 */
public interface ActiveFlows {

    /** Which flow, and which instance of it. */
    record Active(String flow, String instance) {
    }

    Optional<Active> get(String conversationKey);

    /** {@link #get} as a call the store may make together with the turn's other reads. */
    default Together.Call<Optional<Active>> getCall(String conversationKey) {
        return () -> get(conversationKey);
    }

    void set(String conversationKey, Active active, Duration ttl);

    /** {@link #set} as a call the store may make together with another (the run's save). */
    default Together.Call<Void> setCall(String conversationKey, Active active, Duration ttl) {
        return () -> {
            set(conversationKey, active, ttl);
            return null;
        };
    }

    void clear(String conversationKey);

    /** {@link #clear} as a call the store may make together with another (after a read of the pointer). */
    default Together.Call<Void> clearCall(String conversationKey) {
        return () -> {
            clear(conversationKey);
            return null;
        };
    }
}
