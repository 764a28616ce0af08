package org.signpost.dialogs.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.signpost.dialogs.content.ContentException;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.kernel.Role;

/**
 * Flows are data: {@code flows/<id>.yaml}, shipped or from the organisation's content folder, in the shape
 * {@code flows/flow.schema.json} describes (a test checks every shipped file against it). A file that
 * cannot be used stops start-up, named with its problem.
 */
public final class FlowFiles {

    static final String FOLDER = "flows";
    private static final YAMLMapper YAML = new YAMLMapper();

    private final ContentFolder content;

    public FlowFiles(ContentFolder content) {
        this.content = content;
    }

    public FlowDefinition load(String flowId) {
        String file = FOLDER + "/" + flowId + ".yaml";
        ContentFolder.Version version = content.file(file).orElseThrow(() -> new ContentException("Missing " + file));
        try {
            JsonNode root = YAML.readTree(version.bytes());
            FlowDefinition definition = definition(root);
            if (!definition.id().equals(flowId)) {
                throw new ContentException(version + " defines flow " + definition.id() + ", not " + flowId);
            }
            return definition;
        } catch (JsonProcessingException e) {
            // the message quotes only the flow file, never anything a person typed
            throw new ContentException(version + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ContentException(version + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        } catch (IllegalArgumentException e) {
            throw new ContentException(version + ": " + e.getMessage());
        }
    }

    private static FlowDefinition definition(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a flow definition");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (JsonNode role : root.path("roles")) {
            roles.add(Role.valueOf(role.asText().toUpperCase(Locale.ROOT)));
        }
        List<FlowDefinition.Step> steps = new ArrayList<>();
        String id = root.path("id").asText(null);
        for (JsonNode step : root.path("steps")) {
            steps.add(step(step, id));
        }
        return new FlowDefinition(id, text(root.get("title")), roles, steps);
    }

    private static FlowDefinition.Step step(JsonNode step, String flowId) {
        StepType type = StepType.valueOf(step.path("type").asText("").toUpperCase(Locale.ROOT));
        List<FlowDefinition.Option> options = new ArrayList<>();
        if (type == StepType.LIKERT) {
            FlowDefinition.LIKERT_POINTS.forEach(point ->
                    options.add(new FlowDefinition.Option(point, Text.key(flowId + ".likert." + point))));
        }
        for (JsonNode option : step.path("options")) {
            options.add(new FlowDefinition.Option(option.path("id").asText(), text(option.get("text"))));
        }
        List<Text> statements = new ArrayList<>();
        for (JsonNode statement : step.path("statements")) {
            statements.add(text(statement));
        }
        JsonNode when = step.get("when");
        FlowDefinition.Condition condition = when == null || when.isNull() ? null
                : new FlowDefinition.Condition(when.path("step").asText(null), when.path("is").asText(null));
        return new FlowDefinition.Step(step.path("id").asText(null), type, text(step.get("title")), text(step.get("text")),
                step.path("optional").asBoolean(false), options, statements, step.path("source").asText(null),
                step.path("typedText").asBoolean(false), condition, text(step.get("placeholder")), text(step.get("note")));
    }

    private static Text text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return Text.key(node.asText());
        }
        Map<String, String> perLocale = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> perLocale.put(entry.getKey(), entry.getValue().asText()));
        return Text.localised(perLocale);
    }
}
