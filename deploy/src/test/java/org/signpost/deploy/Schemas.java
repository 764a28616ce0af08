package org.signpost.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** JSON Schemas kept as test data (see schemas/PROVENANCE.md): nothing is fetched at test time. */
final class Schemas {

    private Schemas() {
    }

    /**
     * The schema, read with the given draft's rules. Its own {@code $schema} line is dropped: the Teams schema
     * says draft-04 but uses later keywords ({@code const}), and the Kubernetes ones name no draft at all.
     */
    static JsonSchema load(String resource, SpecVersion.VersionFlag version) {
        try (InputStream in = Schemas.class.getResourceAsStream("/schemas/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No schema " + resource);
            }
            // patterns are ECMAScript; Java's have no \v (vertical tab) nor [\b] (backspace): same characters, by code
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\\\\f\\\\b\\\\v", "\\\\f\\\\x08\\\\x0B");
            ObjectNode schema = (ObjectNode) new ObjectMapper().readTree(text);
            schema.remove("$schema");
            return JsonSchemaFactory.getInstance(version).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<ValidationMessage> validate(JsonSchema schema, JsonNode document) {
        return schema.validate(document);
    }
}
