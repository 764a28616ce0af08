package org.signpost.bot.understanding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Words and phrases that always bring the urgent card, whatever the model says: shorthand and plain
 * statements of risk ("want to die", "cutting again", "ED relapse"), from the phrase list ({@link PhraseList}
 * reads it). A personal match right after someone else's name and not the person's own becomes worry about
 * someone else. Without an {@code @evidence} word in a sentence the model may not judge it: ordinary sentences
 * never bring the card on the model's priors alone. An {@code @together} rule counts only when enough sentences
 * of one message match it: a word such as "dead" in one sentence says little, the same kind of word about
 * oneself sentence after sentence says more.
 */
final class PhraseNet {

    private static final int SUBJECT_WINDOW = 3;

    /** A rule that must match in at least {@code sentences} sentences of one message. */
    record Together(int sentences, PhraseRule rule) {
    }

    private final PhraseRule[] rules;
    private final Together[] together;
    private final PhraseWord[] someoneElse;
    private final PhraseWord[] self;
    /**
     * A rule can match only where its phrase's first word is in the sentence: the rules whose first word is
     * exact, by each of its words (rule numbers ascending); the others (a prefix, a typo, a wildcard) are always
     * tried. A sentence is tried against the rules its words lead to, in rule order, not against all of them.
     */
    private final Map<String, int[]> startingWith;
    private final long[] alwaysTried;
    /** The evidence words' exact forms, one set; the evidence words with a prefix, typo or wildcard apart. */
    private final Set<String> evidenceExact;
    private final PhraseWord[] evidenceOther;

    PhraseNet(List<PhraseRule> rules, List<Together> together, List<PhraseWord> someoneElse, List<PhraseWord> self,
            List<PhraseWord> evidence) {
        this.rules = rules.toArray(PhraseRule[]::new);
        this.together = together.toArray(Together[]::new);
        this.someoneElse = someoneElse.toArray(PhraseWord[]::new);
        this.self = self.toArray(PhraseWord[]::new);
        Map<String, List<Integer>> starting = new HashMap<>();
        this.alwaysTried = new long[(this.rules.length + 63) >>> 6];
        for (int i = 0; i < this.rules.length; i++) {
            PhraseWord first = this.rules[i].phrase()[0];
            if (first.exactOnly()) {
                for (String word : first.exactWords()) {
                    List<Integer> ids = starting.computeIfAbsent(word, w -> new ArrayList<>());
                    if (ids.isEmpty() || ids.get(ids.size() - 1) != i) {
                        ids.add(i);
                    }
                }
            } else {
                alwaysTried[i >>> 6] |= 1L << i;
            }
        }
        this.startingWith = new HashMap<>();
        starting.forEach((word, ids) -> startingWith.put(word, ids.stream().mapToInt(Integer::intValue).toArray()));
        this.evidenceExact = new HashSet<>();
        List<PhraseWord> other = new ArrayList<>();
        for (PhraseWord word : evidence) {
            evidenceExact.addAll(word.exactWords());
            if (!word.exactOnly()) {
                other.add(word);
            }
        }
        this.evidenceOther = other.toArray(PhraseWord[]::new);
    }

    int size() {
        return rules.length;
    }

    /** Whether the sentence has a risk-carrying word, so that the model may judge it. */
    boolean hasEvidence(String[] tokens) {
        return hasEvidence(Sentence.of(tokens));
    }

    boolean hasEvidence(Sentence sentence) {
        for (String token : sentence.tokens()) {
            if (evidenceExact.contains(token)) {
                return true;
            }
        }
        return PhraseWord.containsAny(sentence, evidenceOther);
    }

    /** The categories this sentence's tokens match, in rule order; someone else's risk is told apart. */
    List<String> matches(String[] tokens) {
        return matches(Sentence.of(tokens));
    }

    List<String> matches(Sentence sentence) {
        List<String> found = new ArrayList<>(2);
        long[] tried = alwaysTried.clone();
        for (String token : sentence.tokens()) {
            int[] ids = startingWith.get(token);
            for (int k = 0; ids != null && k < ids.length; k++) {
                tried[ids[k] >>> 6] |= 1L << ids[k];
            }
        }
        for (int word = 0; word < tried.length; word++) {
            for (long bits = tried[word]; bits != 0; bits &= bits - 1) {
                int i = (word << 6) + Long.numberOfTrailingZeros(bits);
                int start = rules[i].start(sentence);
                if (start >= 0) {
                    found.add(aboutSomeoneElse(sentence.tokens(), start) ? OpenNlpCrisisDetector.SOMEONE_ELSE
                            : rules[i].category());
                }
            }
        }
        return found;
    }

    /** The categories of the {@code @together} rules that enough of these sentences (one message) match. */
    List<String> matchesTogether(List<String[]> sentences) {
        return matchesTogetherIn(sentences.stream().map(Sentence::of).toList());
    }

    List<String> matchesTogetherIn(List<Sentence> sentences) {
        List<String> found = new ArrayList<>(2);
        for (Together rule : together) {
            int matching = 0;
            for (int i = 0; i < sentences.size(); i++) {
                if (rule.rule().start(sentences.get(i)) >= 0 && ++matching >= rule.sentences()) {
                    found.add(rule.rule().category());
                    break;
                }
            }
        }
        return found;
    }

    private boolean aboutSomeoneElse(String[] tokens, int start) {
        int from = Math.max(0, start - SUBJECT_WINDOW);
        boolean other = false;
        for (int i = from; i < start; i++) {
            if (PhraseWord.anyMatches(self, tokens[i])) {
                return false;
            }
            other |= PhraseWord.anyMatches(someoneElse, tokens[i]);
        }
        return other;
    }
}
