package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A predicate's number is found by its hash and then its bytes: predicates sharing a hash ("Aa" and "BB")
 * and a slot keep their own numbers, a predicate absent from the model is absent, and non-ASCII ones match.
 */
class PredicateIndexTests {

    @Test
    void everyPredicateHasItsOwnNumberAndAnUnknownOneNone() {
        List<String> predicates = new ArrayList<>(List.of("Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa", "w=café", "c=<ca"));
        for (int i = 0; i < 5_000; i++) {
            predicates.add("w=word" + i);
        }
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        assertThat("AaAa".hashCode()).isEqualTo("BBBB".hashCode()).isEqualTo("AaBB".hashCode());
        PredicateIndex index = PredicateIndex.of(predicates);
        for (int id = 0; id < predicates.size(); id++) {
            assertThat(index.id(predicates.get(id))).as(predicates.get(id)).isEqualTo(id);
            assertThat(index.predicate(id)).isEqualTo(predicates.get(id));
        }
        for (String absent : List.of("C#", "AaAaAa", "w=cafe", "w=word5000", "", "w=wörd1")) {
            assertThat(index.id(absent)).as(absent).isEqualTo(PredicateIndex.ABSENT);
        }
    }
}
