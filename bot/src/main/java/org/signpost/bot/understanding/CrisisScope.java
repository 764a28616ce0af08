package org.signpost.bot.understanding;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.signpost.dialogs.content.ContentFolder;

/**
 * What counts as crisis, by category, and what does not: {@code nlp/crisis-scope.yaml}. The categories are
 * listed in priority order (the first one found in a message decides the card); the training data and the
 * phrase lists may only use these categories and {@code ordinary}.
 */
record CrisisScope(List<Category> categories, List<String> outOfScope) {

    static final String FILE = "nlp/crisis-scope.yaml";

    record Category(String id, String description, List<String> covers) {
    }

    CrisisScope {
        if (categories == null || categories.isEmpty()) {
            throw new IllegalStateException(FILE + ": no categories");
        }
        for (Category category : categories) {
            if (category.id() == null || category.id().isBlank() || category.id().equals(OpenNlpCrisisDetector.ORDINARY)) {
                throw new IllegalStateException(FILE + ": every category needs an id other than 'ordinary'");
            }
        }
        categories = List.copyOf(categories);
        outOfScope = outOfScope == null ? List.of() : List.copyOf(outOfScope);
    }

    static CrisisScope load(ContentFolder content) {
        byte[] yaml = content.read(FILE).orElseThrow(() -> new IllegalStateException("Missing " + FILE));
        ObjectMapper mapper = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        try {
            return mapper.readValue(yaml, CrisisScope.class);
        } catch (IOException e) {
            // the message quotes the shipped or organisation file, never anything a person typed
            throw new UncheckedIOException("Cannot read " + FILE + ": " + e.getMessage(), e);
        }
    }

    Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        categories.forEach(category -> ids.add(category.id()));
        return ids;
    }

    /** The category that decides the card when a message touches several. */
    String first(List<String> found) {
        return categories.stream().map(Category::id).filter(found::contains).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No category in scope"));
    }
}
