package org.signpost.bot.understanding;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.MaxentModel;

/**
 * Trained models over one {@link PredicateIndex} (the two crisis models know the same 136,000 word features), and
 * their file form: the predicates' bytes and the models' primitive arrays, read back with bulk primitive reads.
 */
record CompactModels(PredicateIndex predicates, List<CompactModel> models) {

    /** "SPCM" and the layout's version: a file of another layout is not read (the cache trains again). */
    private static final int MAGIC = 0x5350434D;
    private static final int LAYOUT = 1;

    static CompactModels of(List<? extends MaxentModel> opennlp) {
        Set<String> names = new LinkedHashSet<>();
        for (MaxentModel model : opennlp) {
            names.addAll(((Map<?, ?>) ((AbstractModel) model).getDataStructures()[1]).keySet().stream()
                    .map(String.class::cast).toList());
        }
        PredicateIndex index = PredicateIndex.of(names);
        List<CompactModel> models = new ArrayList<>();
        for (MaxentModel model : opennlp) {
            models.add(CompactModel.of(model, index));
        }
        return new CompactModels(index, List.copyOf(models));
    }

    CompactModel model(int index) {
        return models.get(index);
    }

    byte[] bytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(LAYOUT);
            predicates.write(out);
            out.writeInt(models.size());
            for (CompactModel model : models) {
                CompactModelFile.write(model, out);
            }
            out.writeInt(MAGIC);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The models of a file written by {@link #bytes()}; anything else is refused with an exception. */
    static CompactModels read(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getInt() != MAGIC || in.getInt() != LAYOUT) {
            throw new IllegalStateException("Not a compact model file of this version");
        }
        PredicateIndex predicates = PredicateIndex.read(in);
        int count = in.getInt();
        List<CompactModel> models = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            models.add(CompactModelFile.read(in, predicates));
        }
        if (in.getInt() != MAGIC || in.hasRemaining()) {
            throw new IllegalStateException("A compact model file that does not end where it should");
        }
        return new CompactModels(predicates, List.copyOf(models));
    }
}
