package org.signpost.bot.understanding;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import opennlp.tools.lemmatizer.DefaultLemmatizerSequenceValidator;
import opennlp.tools.lemmatizer.LemmatizerFactory;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.postag.DefaultPOSSequenceValidator;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerFactory;
import opennlp.tools.util.BeamSearchContextGenerator;
import opennlp.tools.util.SequenceValidator;

/**
 * A tagger's or lemmatiser's model read greedily: each token gets the best valid outcome given the outcomes
 * before it. OpenNLP's own taggers keep three sequences per token and sort all of a step's outcomes (860 of
 * them for the lemmatiser) for each; on the shipped training and evaluation text the best of three is the greedy
 * sequence on every token (GreedyDecoderTests), at about a tenth of the cost. The model is evaluated in its
 * compact form (CompactModel, the same probabilities as OpenNLP's); OpenNLP's model objects are not kept. Not
 * thread-safe (the context generators keep state): one per thread.
 */
final class GreedyDecoder {

    private final PredicateIndex predicates;
    private final CompactModel model;
    private final Features features;
    private final SequenceValidator<String> validator;
    /** A maxent model whose validator takes every outcome (the lemmatiser's): its best outcome without a full pass. */
    private final LemmatiserBest everyOutcomeValid;
    /** With {@link #everyOutcomeValid}: the outcomes of steps whose features have a memo key (shared), or null. */
    private final OutcomeMemo memo;
    private final double[] scores;
    private final int[] named;
    private final boolean[] marked;

    private GreedyDecoder(CompactModels compact, Features features, SequenceValidator<String> validator,
            LemmatiserBest best, OutcomeMemo memo) {
        this.predicates = compact.predicates();
        this.model = compact.model(0);
        this.features = features;
        this.validator = validator;
        this.everyOutcomeValid = validator.getClass() == DefaultLemmatizerSequenceValidator.class ? best : null;
        this.memo = everyOutcomeValid == null ? null : memo;
        this.scores = new double[model.outcomes()];
        this.named = new int[model.outcomes()];
        this.marked = new boolean[model.outcomes()];
    }

    /**
     * A token's features as the numbers the model knows them by: {@code predicates.ids} of the context
     * generator's strings, in their order (the model adds them in that order: the same sums, bit for bit).
     */
    interface Features {

        /** Into {@link #buffer()}: the numbers of token {@code index}'s features, given the outcomes before it; how many. */
        int ids(int index, String[] tokens, int[] before, Object[] context);

        int[] buffer();

        /**
         * A number that determines token {@code index}'s features as {@link #ids} gives them (the same key, the same
         * features), made of model numbers only, or -1 for a step without one: the default.
         */
        default long memoKey(int index, String[] tokens, int[] before, Object[] context) {
            return -1;
        }

        /** The sentence is done: nothing of its words is kept. */
        default void forget() {
        }
    }

    /** The numbers of an OpenNLP context generator's strings (a model whose features no table here knows). */
    private static Features of(BeamSearchContextGenerator<String> contexts, CompactModels compact) {
        return new Features() {
            private int[] ids = new int[32];

            @Override
            public int ids(int index, String[] tokens, int[] before, Object[] context) {
                String[] outcomes = new String[index];
                for (int i = 0; i < index; i++) {
                    outcomes[i] = compact.model(0).outcome(before[i]);
                }
                String[] features = contexts.getContext(index, tokens, outcomes, context);
                if (features.length > ids.length) {
                    ids = new int[features.length];
                }
                for (int i = 0; i < features.length; i++) {
                    ids[i] = compact.predicates().id(features[i]);
                }
                return features.length;
            }

            @Override
            public int[] buffer() {
                return ids;
            }
        };
    }

    /** New decoders over one compact copy of the tagger's model; the supplier keeps nothing of the POSModel. */
    static Supplier<GreedyDecoder> tagger(POSModel model) {
        CompactModels compact = CompactModels.of(List.of((MaxentModel) model.getArtifact("pos.model")));
        // the model's feature description and tag dictionary, in a factory that does not hold the model
        byte[] description = model.getArtifact("generator.featuregen");
        POSTaggerFactory factory = new POSTaggerFactory(description, Map.of(), model.getFactory().getTagDictionary());
        // the shipped model's feature numbers made from tables (PosIds); another model's from OpenNLP's strings
        PosIds.Tables tables = PosIds.fits(description) ? PosIds.Tables.of(compact.predicates(), compact.model(0)) : null;
        return () -> new GreedyDecoder(compact, tables != null ? new PosIds(tables)
                : of(factory.getPOSContextGenerator(0), compact), factory.getSequenceValidator(), null, null);
    }

    /**
     * New decoders over the tagger's compact model alone (CompactEnglish: made at build time), for a model that
     * {@link #fitsCompactForm fits it}; the same decoders as {@link #tagger(POSModel)} makes of that model.
     */
    static Supplier<GreedyDecoder> tagger(CompactModels compact) {
        PosIds.Tables tables = PosIds.Tables.of(compact.predicates(), compact.model(0));
        return () -> new GreedyDecoder(compact, new PosIds(tables), new DefaultPOSSequenceValidator(null), null, null);
    }

    /** Whether the tagger uses nothing of this model but its maxent model: features PosIds knows, no tag dictionary. */
    static boolean fitsCompactForm(POSModel model) {
        return PosIds.fits(model.getArtifact("generator.featuregen")) && model.getFactory().getTagDictionary() == null;
    }

    /**
     * New decoders over one compact copy of the lemmatiser's model (whose factory needs nothing of it), with
     * the numbers of OpenNLP's features made from tables (LemmaIds), without its strings, regex matchers and lists.
     */
    static Supplier<GreedyDecoder> lemmatizer(LemmatizerModel model) {
        return lemmatizer(CompactModels.of(List.of((MaxentModel) model.getArtifact("lemmatizer.model"))));
    }

    /** New decoders over the lemmatiser's compact model (whether made now or at build time: CompactEnglish). */
    static Supplier<GreedyDecoder> lemmatizer(CompactModels compact) {
        return lemmatizer(compact, MEMO_SLOTS);
    }

    /** The same, with a memo of this many slots (a power of two) shared by the decoders, or none for 0. */
    static Supplier<GreedyDecoder> lemmatizer(CompactModels compact, int memoSlots) {
        return lemmatizer(compact, LemmaIds.Tables.of(compact.predicates(), compact.model(0)), memoSlots);
    }

    /** The same, over tables made of that model. */
    static Supplier<GreedyDecoder> lemmatizer(CompactModels compact, LemmaIds.Tables tables, int memoSlots) {
        LemmatizerFactory factory = new LemmatizerFactory();
        // one for all the decoders, so that its rankings are made once
        LemmatiserBest best = compact.model(0) instanceof CompactMaxent maxent ? new LemmatiserBest(maxent) : null;
        boolean fits = new LemmaIds(tables).keys() <= OutcomeMemo.MOST_KEYS
                && compact.model(0).outcomes() <= OutcomeMemo.MOST_OUTCOMES;
        OutcomeMemo memo = memoSlots > 0 && fits ? new OutcomeMemo(memoSlots) : null;
        return () -> new GreedyDecoder(compact, new LemmaIds(tables), factory.getSequenceValidator(), best, memo);
    }

    /** 64 KiB: the lemmatiser sees a few thousand (word, tag, previous script) keys on typical chatter. */
    static final int MEMO_SLOTS = 1 << 13;

    /**
     * One outcome per token: for the tagger its tag (no context), for the lemmatiser the edit script that makes
     * its lemma (the context is {@code new Object[] {tags}}, as OpenNLP's own lemmatiser passes it).
     */
    String[] decode(String[] tokens, Object[] context) {
        return decode(tokens, context, UNSEEN);
    }

    /**
     * What a step saw: the numbers of the token's features, the outcomes before it and every outcome's score
     * ({@link CompactModel#scores}: the best is the most probable; {@link #probabilities} gives the probabilities).
     */
    interface Step {
        void seen(int[] ids, String[] before, double[] scores);
    }

    private static final Step UNSEEN = (ids, before, scores) -> { };

    PredicateIndex predicates() {
        return predicates;
    }

    /** A step's scores as the model's probabilities (a copy). */
    double[] probabilities(double[] scores) {
        double[] probabilities = scores.clone();
        model.probabilities(probabilities);
        return probabilities;
    }

    String[] decode(String[] tokens, Object[] context, Step step) {
        String[] outcomes = new String[tokens.length];
        int[] chosen = new int[tokens.length];
        try {
            for (int i = 0; i < tokens.length; i++) {
                if (everyOutcomeValid != null && step == UNSEEN) {
                    long key = memo == null ? -1 : features.memoKey(i, tokens, chosen, context);
                    int known = key < 0 ? OutcomeMemo.ABSENT : memo.get(key);
                    if (known != OutcomeMemo.ABSENT) {
                        chosen[i] = known;
                    } else {
                        int count = features.ids(i, tokens, chosen, context);
                        // DefaultLemmatizerSequenceValidator takes every outcome: the best score is the best valid one
                        chosen[i] = everyOutcomeValid.best(features.buffer(), count, scores, named, marked);
                        if (key >= 0) {
                            memo.put(key, chosen[i]);
                        }
                    }
                } else {
                    // the outcomes so far, as the beam search passes them
                    String[] before = Arrays.copyOf(outcomes, i);
                    int count = features.ids(i, tokens, chosen, context);
                    model.scores(features.buffer(), count, scores);
                    if (step != UNSEEN) {
                        step.seen(Arrays.copyOf(features.buffer(), count), before, scores);
                    }
                    chosen[i] = best(i, tokens, before);
                }
                outcomes[i] = model.outcome(chosen[i]);
            }
        } finally {
            features.forget();
            // the last token's sums and named outcomes say something of its word: not kept past the sentence
            Arrays.fill(scores, 0.0);
            Arrays.fill(named, 0);
        }
        return outcomes;
    }

    String outcome(int index) {
        return model.outcome(index);
    }

    private int best(int index, String[] tokens, String[] before) {
        int best = -1;
        for (int outcome = 0; outcome < scores.length; outcome++) {
            if ((best < 0 || scores[outcome] > scores[best])
                    && validator.validSequence(index, tokens, before, model.outcome(outcome))) {
                best = outcome;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("No valid outcome for a token");
        }
        return best;
    }
}
