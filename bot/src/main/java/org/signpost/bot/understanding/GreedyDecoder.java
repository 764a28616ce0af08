package org.signpost.bot.understanding;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import opennlp.tools.lemmatizer.LemmatizerFactory;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.ml.model.MaxentModel;
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
    private final BeamSearchContextGenerator<String> contexts;
    private final SequenceValidator<String> validator;
    private final double[] scores;

    private GreedyDecoder(CompactModels compact, BeamSearchContextGenerator<String> contexts,
            SequenceValidator<String> validator) {
        this.predicates = compact.predicates();
        this.model = compact.model(0);
        this.contexts = contexts;
        this.validator = validator;
        this.scores = new double[model.outcomes()];
    }

    /** New decoders over one compact copy of the tagger's model; the supplier keeps nothing of the POSModel. */
    static Supplier<GreedyDecoder> tagger(POSModel model) {
        CompactModels compact = CompactModels.of(List.of((MaxentModel) model.getArtifact("pos.model")));
        // the model's feature description and tag dictionary, in a factory that does not hold the model
        byte[] description = model.getArtifact("generator.featuregen");
        POSTaggerFactory factory = new POSTaggerFactory(description, Map.of(), model.getFactory().getTagDictionary());
        // the shipped model's features made without OpenNLP's per-position work (PosContexts); another model's by OpenNLP
        boolean fits = PosContexts.fits(description);
        return () -> new GreedyDecoder(compact, fits ? new PosContexts() : factory.getPOSContextGenerator(0),
                factory.getSequenceValidator());
    }

    /**
     * New decoders over one compact copy of the lemmatiser's model (whose factory needs nothing of it), with
     * OpenNLP's features made without its per-token regex matchers and lists (LemmaContexts).
     */
    static Supplier<GreedyDecoder> lemmatizer(LemmatizerModel model) {
        CompactModels compact = CompactModels.of(List.of((MaxentModel) model.getArtifact("lemmatizer.model")));
        LemmatizerFactory factory = new LemmatizerFactory();
        return () -> new GreedyDecoder(compact, new LemmaContexts(), factory.getSequenceValidator());
    }

    /**
     * One outcome per token: for the tagger its tag (no context), for the lemmatiser the edit script that makes
     * its lemma (the context is {@code new Object[] {tags}}, as OpenNLP's own lemmatiser passes it).
     */
    String[] decode(String[] tokens, Object[] context) {
        return decode(tokens, context, (features, before, scores) -> { });
    }

    /**
     * What a step saw: the token's features, the outcomes before it and every outcome's score
     * ({@link CompactModel#scores}: the best is the most probable; {@link #probabilities} gives the probabilities).
     */
    interface Step {
        void seen(String[] features, String[] before, double[] scores);
    }

    /** A step's scores as the model's probabilities (a copy). */
    double[] probabilities(double[] scores) {
        double[] probabilities = scores.clone();
        model.probabilities(probabilities);
        return probabilities;
    }

    String[] decode(String[] tokens, Object[] context, Step step) {
        String[] outcomes = new String[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            // the outcomes so far, as the beam search passes them
            String[] before = Arrays.copyOf(outcomes, i);
            String[] features = contexts.getContext(i, tokens, before, context);
            model.scores(predicates.ids(features), scores);
            step.seen(features, before, scores);
            outcomes[i] = best(i, tokens, before);
        }
        return outcomes;
    }

    String outcome(int index) {
        return model.outcome(index);
    }

    private String best(int index, String[] tokens, String[] before) {
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
        return model.outcome(best);
    }
}
