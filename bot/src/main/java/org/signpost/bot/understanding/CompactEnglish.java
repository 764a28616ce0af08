package org.signpost.bot.understanding;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.postag.POSModel;
import opennlp.tools.tokenize.TokenizerModel;

/**
 * The English pipeline's tokenizer, tagger and lemmatiser models in their compact run-time form (CompactModels),
 * made from OpenNLP's model files at build time (ModelBuilder) and built into the jar, so that a start reads
 * these arrays instead of OpenNLP's models and making them compact again. The file is named by a hash of the
 * OpenNLP version and the model files' names (which carry the models' versions): other models, or another
 * OpenNLP, find no file and are read from OpenNLP's files as before. The content folder plays no part here.
 */
record CompactEnglish(CompactModels tokens, CompactModels tags, CompactModels lemmas) {

    static final String KIND = "english";
    /** Bump when this file's layout, or what the pipeline makes of the compact models, changes. */
    private static final String LAYOUT = "1";
    private static final int MAGIC = 0x53504545;

    /** The three models in compact form, when the tokenizer and the tagger use nothing else of theirs. */
    static Optional<CompactEnglish> of(TokenizerModel tokens, POSModel tags, LemmatizerModel lemmas) {
        if (!CompactTokenizer.fitsCompactForm(tokens) || !GreedyDecoder.fitsCompactForm(tags)) {
            return Optional.empty();
        }
        return Optional.of(new CompactEnglish(CompactModels.of(List.of((MaxentModel) tokens.getMaxentModel())),
                CompactModels.of(List.of((MaxentModel) tags.getArtifact("pos.model"))),
                CompactModels.of(List.of((MaxentModel) lemmas.getArtifact("lemmatizer.model")))));
    }

    /** {@code english-<hash>.compact}, of this file's layout, the OpenNLP version and the model files' names. */
    static String fileName() {
        List<Categorizer.Labelled> made = new ArrayList<>();
        made.add(new Categorizer.Labelled("layout", LAYOUT));
        for (String kind : EnglishPipeline.COMPACT_KINDS) {
            made.add(new Categorizer.Labelled(kind, EnglishPipeline.modelName(kind)));
        }
        return ModelCache.fileName(KIND, made, List.of());
    }

    /** The models built into the jar for these OpenNLP models, if any. */
    static Optional<CompactEnglish> builtIn() {
        String name = ModelCache.CLASSPATH_FOLDER + fileName();
        try (InputStream in = CompactEnglish.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(read(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the built-in English models " + name, e);
        }
    }

    byte[] bytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            for (CompactModels models : List.of(tokens, tags, lemmas)) {
                byte[] each = models.bytes();
                out.writeInt(each.length);
                out.write(each);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CompactEnglish read(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getInt() != MAGIC) {
            throw new IllegalStateException("Not a compact English models file");
        }
        CompactModels[] models = new CompactModels[3];
        for (int i = 0; i < models.length; i++) {
            byte[] each = new byte[in.getInt()];
            in.get(each);
            models[i] = CompactModels.read(each);
        }
        if (in.hasRemaining()) {
            throw new IllegalStateException("A compact English models file that does not end where it should");
        }
        return new CompactEnglish(models[0], models[1], models[2]);
    }
}
