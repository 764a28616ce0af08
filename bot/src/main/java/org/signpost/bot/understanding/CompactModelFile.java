package org.signpost.bot.understanding;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One compact model as a model file keeps it (CompactModels writes the file around it): its kind, its outcomes'
 * names, then its arrays, written with {@link DataOutputStream} and read back with bulk primitive reads.
 */
final class CompactModelFile {

    private static final byte MAXENT = 1;
    private static final byte NAIVE_BAYES = 2;

    private CompactModelFile() {
    }

    static void write(CompactModel model, DataOutputStream out) throws IOException {
        out.writeByte(model instanceof CompactNaiveBayes ? NAIVE_BAYES : MAXENT);
        out.writeInt(model.outcomes());
        for (int o = 0; o < model.outcomes(); o++) {
            byte[] bytes = model.outcome(o).getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
        writeInts(out, model.first);
        out.writeInt(model.outcome.length);
        for (short o : model.outcome) {
            out.writeShort(o);
        }
        writeDoubles(out, model.value);
        if (model instanceof CompactNaiveBayes bayes) {
            for (short v : bayes.visited) {
                out.writeShort(v);
            }
            writeDoubles(out, bayes.unseen);
            writeDoubles(out, bayes.logPrior);
        }
    }

    /** A model written by {@link #write} over this index (the one the file holds before its models). */
    static CompactModel read(ByteBuffer in, PredicateIndex index) {
        byte kind = in.get();
        String[] outcomes = new String[in.getInt()];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = readUtf(in);
        }
        int[] first = readInts(in, index.size() + 1);
        short[] outcome = readShorts(in, in.getInt());
        double[] value = readDoubles(in, outcome.length);
        if (kind == MAXENT) {
            return new CompactMaxent(outcomes, first, outcome, value);
        }
        if (kind != NAIVE_BAYES) {
            throw new IllegalStateException("Not a compact model");
        }
        short[] visited = readShorts(in, index.size());
        return new CompactNaiveBayes(outcomes, first, outcome, value, visited, readDoubles(in, outcomes.length),
                readDoubles(in, outcomes.length));
    }

    static void writeInts(DataOutputStream out, int[] values) throws IOException {
        for (int v : values) {
            out.writeInt(v);
        }
    }

    static int[] readInts(ByteBuffer in, int count) {
        int[] values = new int[count];
        in.asIntBuffer().get(values);
        in.position(in.position() + count * Integer.BYTES);
        return values;
    }

    private static short[] readShorts(ByteBuffer in, int count) {
        short[] values = new short[count];
        in.asShortBuffer().get(values);
        in.position(in.position() + count * Short.BYTES);
        return values;
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    private static double[] readDoubles(ByteBuffer in, int count) {
        if (in.getInt() != count) {
            throw new IllegalStateException("A compact model's arrays do not match");
        }
        double[] values = new double[count];
        in.asDoubleBuffer().get(values);
        in.position(in.position() + count * Double.BYTES);
        return values;
    }

    private static String readUtf(ByteBuffer in) {
        byte[] bytes = new byte[in.getInt()];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
