package org.signpost.bot.understanding;

import java.util.Arrays;
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
 * sequence on every token (GreedyDecoderTests), at about a tenth of the cost. Not thread-safe (the context
 * generators keep state): one per thread.
 */
final class GreedyDecoder {

    private final MaxentModel model;
    private final BeamSearchContextGenerator<String> contexts;
    private final SequenceValidator<String> validator;
    private final double[] scores;

    private GreedyDecoder(MaxentModel model, BeamSearchContextGenerator<String> contexts,
            SequenceValidator<String> validator) {
        this.model = model;
        this.contexts = contexts;
        this.validator = validator;
        this.scores = new double[model.getNumOutcomes()];
    }

    static GreedyDecoder tagger(POSModel model) {
        POSTaggerFactory factory = model.getFactory();
        return new GreedyDecoder(model.getArtifact("pos.model"), factory.getPOSContextGenerator(0),
                factory.getSequenceValidator());
    }

    static GreedyDecoder lemmatizer(LemmatizerModel model) {
        LemmatizerFactory factory = model.getFactory();
        return new GreedyDecoder(model.getArtifact("lemmatizer.model"), factory.getContextGenerator(),
                factory.getSequenceValidator());
    }

    /**
     * One outcome per token: for the tagger its tag (no context), for the lemmatiser the edit script that makes
     * its lemma (the context is {@code new Object[] {tags}}, as OpenNLP's own lemmatiser passes it).
     */
    String[] decode(String[] tokens, Object[] context) {
        String[] outcomes = new String[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            // the outcomes so far, as the beam search passes them
            String[] before = Arrays.copyOf(outcomes, i);
            model.eval(contexts.getContext(i, tokens, before, context), scores);
            outcomes[i] = best(i, tokens, before);
        }
        return outcomes;
    }

    private String best(int index, String[] tokens, String[] before) {
        int best = -1;
        for (int outcome = 0; outcome < scores.length; outcome++) {
            if ((best < 0 || scores[outcome] > scores[best])
                    && validator.validSequence(index, tokens, before, model.getOutcome(outcome))) {
                best = outcome;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("No valid outcome for a token");
        }
        return model.getOutcome(best);
    }
}
