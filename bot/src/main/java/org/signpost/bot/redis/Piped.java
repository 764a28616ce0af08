package org.signpost.bot.redis;

import java.util.function.Function;
import java.util.function.Supplier;
import org.signpost.dialogs.kernel.Together;
import redis.clients.jedis.PipeliningBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * A call to Redis that {@link RedisTogether} can put in one pipeline with others: the command queued on the
 * pipeline, and what its reply means. On its own it is the adapter's usual call.
 */
public interface Piped<T> extends Together.Call<T> {

    /** Queues the command; what it gives once the pipeline has its replies. */
    Supplier<T> queue(PipeliningBase pipeline);

    @Override
    default <R> Piped<R> map(Function<? super T, ? extends R> then) {
        Piped<T> call = this;
        return new Piped<>() {
            @Override
            public Supplier<R> queue(PipeliningBase pipeline) {
                Supplier<T> reply = call.queue(pipeline);
                return () -> then.apply(reply.get());
            }

            @Override
            public R alone() {
                return then.apply(call.alone());
            }

            @Override
            public R again() {
                return then.apply(call.again());
            }
        };
    }

    /** The command, how its reply is read, and the adapter's call that makes it on its own. */
    static <S, T> Piped<T> of(Function<PipeliningBase, Response<S>> command, Function<S, T> reply, Supplier<T> alone) {
        return of(command, reply, alone, alone);
    }

    /** As above, with what the call answers when made again after a reply was lost ({@link #again}). */
    static <S, T> Piped<T> of(Function<PipeliningBase, Response<S>> command, Function<S, T> reply, Supplier<T> alone,
            Supplier<T> again) {
        return new Piped<>() {
            @Override
            public Supplier<T> queue(PipeliningBase pipeline) {
                Response<S> response = command.apply(pipeline);
                return () -> reply.apply(answered(response));
            }

            @Override
            public T alone() {
                return alone.get();
            }

            @Override
            public T again() {
                return again.get();
            }
        };
    }

    /**
     * The reply; a lost connection when there is none. A cluster's pipeline does not throw when a node's
     * connection is lost: it leaves that node's replies unset, and an unset reply throws IllegalStateException.
     */
    private static <S> S answered(Response<S> response) {
        try {
            return response.get();
        } catch (IllegalStateException unanswered) {
            throw new JedisConnectionException("No reply: the connection to the node was lost", unanswered);
        }
    }
}
