package org.signpost.dialogs.announcement;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.signpost.dialogs.content.ContentException;
import org.signpost.dialogs.content.ContentFolder;

/**
 * Learning and resources, from {@code learning/directory.yaml}: the employer's courses and line-manager
 * guides, and public resources such as See Me's. An entry nobody gave a website is left out (never shown
 * as a placeholder); a file that cannot be read, or repeats an id, stops start-up naming the file.
 */
public final class LearningDirectory {

    static final String FILE = "learning/directory.yaml";
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public enum Kind { NATIONAL, EMPLOYER }

    public record Resource(String id, Kind kind, String website) {

        public String nameKey() {
            return "announcement.learning." + id + ".name";
        }

        public String descriptionKey() {
            return "announcement.learning." + id + ".description";
        }
    }

    record Document(List<Resource> resources) {
    }

    private final String origin;
    private final List<Resource> listed;

    private LearningDirectory(String origin, List<Resource> resources) {
        this.origin = origin;
        Set<String> ids = new HashSet<>();
        for (Resource resource : resources) {
            if (resource.id() == null || resource.kind() == null || !ID.matcher(resource.id()).matches()) {
                throw new ContentException(origin + ": every resource needs an id (lower-case letters, digits and "
                        + "hyphens) and a kind");
            }
            if (!ids.add(resource.id())) {
                throw new ContentException(origin + ": the id " + resource.id() + " is used twice");
            }
        }
        this.listed = resources.stream().filter(r -> r.website() != null && !r.website().isBlank()).toList();
    }

    public static LearningDirectory load(ContentFolder content) {
        ContentFolder.Version file = content.file(FILE).orElseThrow(() -> new ContentException("Missing " + FILE));
        ObjectMapper mapper = YAMLMapper.builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        try {
            Document document = mapper.readValue(file.bytes(), Document.class);
            return new LearningDirectory(file.origin(),
                    document == null || document.resources() == null ? List.of() : document.resources());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ContentException(file + (at == null ? "" : " (line " + at.getLineNr() + ")") + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ContentException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** What is shown: entries with a website, the employer's first. */
    public List<Resource> listed() {
        return Stream.concat(listed.stream().filter(r -> r.kind() == Kind.EMPLOYER),
                listed.stream().filter(r -> r.kind() == Kind.NATIONAL)).toList();
    }

    /** The wording keys the shown entries need. */
    public List<String> wordingKeys() {
        return listed().stream().flatMap(r -> Stream.of(r.nameKey(), r.descriptionKey())).toList();
    }

    public String origin() {
        return origin;
    }
}
