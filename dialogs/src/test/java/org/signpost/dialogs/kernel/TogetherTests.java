package org.signpost.dialogs.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TogetherTests {

    /** A store that makes the calls in reverse order but answers in the order asked, as the port says. */
    private final List<Integer> sizes = new ArrayList<>();
    private final Together store = calls -> {
        sizes.add(calls.size());
        List<Object> results = new ArrayList<>(calls.size());
        for (int i = calls.size() - 1; i >= 0; i--) {
            results.add(0, calls.get(i).alone());
        }
        return results;
    };

    @Test
    void aBatchIsMadeInOneGoAndEachResultIsReadThroughItsOwnHandle() {
        Together.Batch batch = store.batch();
        Together.Result<String> name = batch.add(() -> "survey");
        Together.Result<Boolean> nothingLeft = batch.add(() -> true);
        Together.Result<Optional<Integer>> pointer = batch.add(() -> Optional.of(7));
        batch.make();

        assertThat(sizes).containsExactly(3);
        assertThat(name.get()).isEqualTo("survey");
        assertThat(nothingLeft.get()).isTrue();
        assertThat(pointer.get()).contains(7);
    }

    @Test
    void aResultIsNotThereBeforeTheBatchIsMadeAndNothingIsAddedAfter() {
        Together.Batch batch = store.batch();
        Together.Result<String> name = batch.add(() -> "survey");

        assertThatThrownBy(name::get).isInstanceOf(IllegalStateException.class);
        batch.make();
        assertThatThrownBy(() -> batch.add(() -> 1)).isInstanceOf(IllegalStateException.class);
        assertThat(name.get()).isEqualTo("survey");
    }
}
