package org.signpost.dialogs.support;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.signpost.dialogs.content.ContentFolder;

/** The services the support card lists, from {@code support/directory.yaml}. */
public final class SupportDirectory {

    static final String FILE = "support/directory.yaml";

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

    private final List<Service> listed;

    private SupportDirectory(List<Service> services) {
        for (Service service : services) {
            if (service.id() == null || service.kind() == null) {
                throw new IllegalStateException(FILE + ": every service needs an id and a kind");
            }
        }
        // an employer entry nobody filled in is left out, never shown as a placeholder
        this.listed = services.stream().filter(Service::hasContact).toList();
    }

    public static SupportDirectory load(ContentFolder content) {
        byte[] yaml = content.read(FILE).orElseThrow(() -> new IllegalStateException("Missing " + FILE));
        ObjectMapper mapper = YAMLMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        try {
            return new SupportDirectory(mapper.readValue(yaml, Document.class).services());
        } catch (IOException e) {
            // the message quotes the shipped or organisation file, never anything a person typed
            throw new UncheckedIOException("Cannot read " + FILE + ": " + e.getMessage(), e);
        }
    }

    List<Service> listed(Kind kind) {
        return listed.stream().filter(service -> service.kind() == kind).toList();
    }

    List<Service> urgent() {
        return listed.stream().filter(Service::urgent).toList();
    }
}
