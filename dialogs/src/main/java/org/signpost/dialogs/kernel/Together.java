package org.signpost.dialogs.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Port: calls to the store that do not depend on each other, made together, so that the store may send them
 * in one round trip (in Redis a pipeline: each round trip costs the server's CPU, the network's interrupts and
 * two thread wake-ups, more than the call itself). A call the store cannot send with others is made on its
 * own. A call the store can answer from what it knows already (what it read or wrote a moment ago, where
 * the port allows it) is answered without a round trip. A call must be safe to make again (a read, a
 * compare-and-set that answers the same when its own write is there already, a write of the same value): a
 * store may make it again on its own ({@link Call#again}) after an attempt together lost its reply. So no
 * call may write what another call made with it reads: made again, the read would see that write.
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

    /** Calls to gather, each read back, typed, through the {@link Result} it was added with once all are made. */
    default Batch batch() {
        return new Batch(this);
    }

    /** A call's result in a {@link Batch}, there once the batch is made. */
    interface Result<T> {
        T get();
    }

    /** Calls gathered one by one, then made together in the order they were added. */
    final class Batch {

        private final Together together;
        private final List<Call<?>> calls = new ArrayList<>();
        private List<Object> results;

        private Batch(Together together) {
            this.together = together;
        }

        public <T> Result<T> add(Call<T> call) {
            if (results != null) {
                throw new IllegalStateException("The batch was made already");
            }
            int index = calls.size();
            calls.add(call);
            return () -> resultOf(call, index);
        }

        public void make() {
            results = together.make(List.copyOf(calls));
        }

        @SuppressWarnings("unchecked") // the result at a call's index is that call's result
        private <T> T resultOf(Call<T> call, int index) {
            if (results == null) {
                throw new IllegalStateException("The batch is not made yet");
            }
            return (T) results.get(index);
        }
    }

    /** Each call on its own, one after the other. */
    static Together oneByOne() {
        return calls -> {
            List<Object> results = new ArrayList<>(calls.size());
            calls.forEach(call -> results.add(call.alone()));
            return results;
        };
    }
}
