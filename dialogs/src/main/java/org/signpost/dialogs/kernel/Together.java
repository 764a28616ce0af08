package org.signpost.dialogs.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Port: calls to the store that do not depend on each other, made together, so that the store may send them
 * in one round trip (in Redis a pipeline: each round trip costs the server's CPU, the network's interrupts and
 * two thread wake-ups, more than the call itself). A call the store cannot send with others is made on its
 * own. Nothing is kept: every call goes to the store. A call must be safe to make again (a read, a
 * compare-and-set that answers the same when its own write is there already, a write of the same value): a
 * store may make it again on its own ({@link Call#again}) after an attempt together lost its reply.
 */
public interface Together {

    /** One call to the store, and what it gives when made on its own. */
    interface Call<T> {
        T alone();

        /**
         * The call made on its own again, after an attempt together whose reply was lost (it may have been
         * applied): a call whose second run could answer otherwise says here what is safe to answer.
         */
        default T again() {
            return alone();
        }

        /** The same call, its result turned into another (a store keeps sending it together with others). */
        default <R> Call<R> map(Function<? super T, ? extends R> then) {
            Call<T> call = this;
            return new Call<>() {
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
    }

    /** Makes the calls; their results, in the order of the calls. */
    List<Object> make(List<? extends Call<?>> calls);

    /** Each call on its own, one after the other. */
    static Together oneByOne() {
        return calls -> {
            List<Object> results = new ArrayList<>(calls.size());
            calls.forEach(call -> results.add(call.alone()));
            return results;
        };
    }
}
