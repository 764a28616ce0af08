package org.signpost.dialogs.support;

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
import org.signpost.dialogs.content.ContentException;
import org.signpost.dialogs.content.ContentFolder;

/**
 * The services the support card lists, from {@code support/directory.yaml}. A directory that cannot be
 * read, has an entry without an id or kind, repeats an id, or leaves the urgent card with nobody to call
 * stops start-up, naming the file.
 */
public final class SupportDirectory {

    static final String FILE = "support/directory.yaml";
    /** Ids name wording keys (support.service.<id>.name). */
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    enum Kind { NATIONAL, EMPLOYER }

    record Service(String id, Kind kind, boolean urgent, String phone, String text, String website) {

        boolean hasContact() {
            return present(phone) || present(text) || present(website);
        }

        static boolean present(String value) {
            return value != null && !value.isBlank();
        }
    }

    record Document(List<Service> services) {
    }

    private final String origin;
    private final List<Service> listed;

    private SupportDirectory(String origin, List<Service> services) {
        this.origin = origin;
        if (services == null || services.isEmpty()) {
            throw new ContentException(origin + ": lists no services");
        }
        Set<String> ids = new HashSet<>();
        for (Service service : services) {
            if (service.id() == null || service.kind() == null) {
                throw new ContentException(origin + ": every service needs an id and a kind");
            }
            if (!ID.matcher(service.id()).matches()) {
                throw new ContentException(origin + ": the id " + service.id()
                        + " must be lower-case letters, digits and hyphens");
            }
            if (!ids.add(service.id())) {
                throw new ContentException(origin + ": the id " + service.id() + " is used twice");
            }
        }
        // an employer entry nobody filled in is left out, never shown as a placeholder
        this.listed = services.stream().filter(Service::hasContact).toList();
        if (urgent().isEmpty()) {
            throw new ContentException(origin + ": no urgent service with a phone, text or website, so the "
                    + "card for someone in crisis would have nobody to call");
        }
    }

    public static SupportDirectory load(ContentFolder content) {
        ContentFolder.Version file = content.file(FILE).orElseThrow(() -> new ContentException("Missing " + FILE));
        ObjectMapper mapper = YAMLMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        Document document;
        try {
            document = mapper.readValue(file.bytes(), Document.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ContentException(file + (at == null ? "" : " (line " + at.getLineNr() + ")") + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ContentException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return new SupportDirectory(file.origin(), document == null ? List.of() : document.services());
    }

    /** Where the directory was read from, for messages that name it. */
    String origin() {
        return origin;
    }

    List<Service> listed() {
        return listed;
    }

    List<Service> listed(Kind kind) {
        return listed.stream().filter(service -> service.kind() == kind).toList();
    }

    List<Service> urgent() {
        return listed.stream().filter(Service::urgent).toList();
    }
}
