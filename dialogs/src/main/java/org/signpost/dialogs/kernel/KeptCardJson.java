package org.signpost.dialogs.kernel;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A kept card's JSON ({@link Card#sameForEveryone()}): the tree, read like any other, and the same tree already
 * written out, so that a sender that writes JSON itself can copy it instead of walking the tree on every turn. It
 * holds only what the card holds, nothing of whom it is shown to; like every kept tree, it is only ever read.
 */
public final class KeptCardJson extends ObjectNode {

    private static final long serialVersionUID = 1L;

    private final SerializedString written;

    private KeptCardJson(Map<String, JsonNode> children, String written) {
        super(JsonNodeFactory.instance, children);
        this.written = new SerializedString(written);
    }

    static KeptCardJson of(ObjectNode tree) {
        Map<String, JsonNode> children = new LinkedHashMap<>();
        tree.properties().forEach(property -> children.put(property.getKey(), property.getValue()));
        return new KeptCardJson(children, tree.toString());
    }

    /** The tree as JSON text, as Jackson writes it by default (its UTF-8 bytes are kept once asked for). */
    public SerializableString written() {
        return written;
    }
}
