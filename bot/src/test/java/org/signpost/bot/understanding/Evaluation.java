package org.signpost.bot.understanding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Evaluation lines, kept apart from the training data: {@code <label>\t<spelling>\t<text>}. */
record Evaluation(String label, String spelling, String text) {

    /** Misspelt or British-spelt lines: the slice the floors must also hold on. */
    boolean variantSpelling() {
        return !spelling.equals("standard");
    }

    static List<Evaluation> read(String resource) {
        try (InputStream in = Evaluation.class.getResourceAsStream("/nlp/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("No evaluation file " + resource);
            }
            List<Evaluation> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", 3);
                if (columns.length != 3) {
                    throw new IllegalStateException(resource + ": not <label> TAB <spelling> TAB <text>: " + line);
                }
                lines.add(new Evaluation(columns[0].strip(), columns[1].strip(), columns[2].strip()));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lower case, apostrophes dropped, split at everything that is not a letter or digit. */
    static Set<String> tokens(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).replaceAll("['’‘]", "").split("[^\\p{L}\\p{N}]+"))
                .filter(token -> !token.isEmpty()).collect(Collectors.toSet());
    }

    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        long common = a.stream().filter(b::contains).count();
        return (double) common / (a.size() + b.size() - common);
    }
}
