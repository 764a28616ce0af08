package org.signpost.bot.connector;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** What a call reads of the connector's answer: the new activity's id, or the whole body as JSON. */
final class ConnectorAnswers {

    private ConnectorAnswers() {
    }

    /** The body read as JSON, or null when empty. */
    static JsonNode tree(byte[] body) throws IOException {
        JsonNode tree = ConnectorClients.WIRE.readTree(body);
        return tree == null || tree.isMissingNode() ? null : tree;
    }

    /**
     * The new activity's id, as the body's top-level {@code id} reads as text ({@code JsonNode.asText}, the last
     * if named twice), or "" for none: read as it streams by, where a tree of the whole answer was built first.
     */
    static String idOf(byte[] body) throws IOException {
        String id = "";
        try (JsonParser json = ConnectorClients.WIRE.createParser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return id;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                boolean named = "id".equals(json.currentName());
                JsonToken value = json.nextToken();
                if (!named) {
                    json.skipChildren();
                } else if (value == JsonToken.VALUE_STRING) {
                    id = json.getText();
                } else {
                    id = json.<JsonNode>readValueAsTree().asText();
                }
            }
        }
        return id;
    }
}
