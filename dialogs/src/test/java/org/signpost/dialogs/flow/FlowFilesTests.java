package org.signpost.dialogs.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.dialogs.content.ContentException;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;

/** Flows are data: every flow file (shipped, and the engine's example) matches the schema and loads. */
class FlowFilesTests {

    static final Path SHIPPED = Path.of("..", "resources", "flows");
    static final Path EXAMPLE_CONTENT = Path.of("src", "test", "content");
    static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void everyFlowFileMatchesTheSchemaLoadsAndHasItsWording() throws IOException {
        List<Path> files = new ArrayList<>(yamlFiles(SHIPPED));
        files.addAll(yamlFiles(EXAMPLE_CONTENT.resolve("flows")));
        assertThat(files).isNotEmpty();
        ContentFolder content = ContentFolder.withOverrides(EXAMPLE_CONTENT.toAbsolutePath());
        Messages messages = new Messages(content);
        for (Path file : files) {
            assertThat(violations(YAML.readTree(file.toFile()))).as(file.toString()).isEmpty();
            String id = file.getFileName().toString().replace(".yaml", "");
            FlowDefinition definition = new FlowFiles(content).load(id);
            messages.require(FlowEngine.wordingKeys(definition), file.toString());
        }
    }

    @Test
    void theExampleHasEveryKindOfStep() {
        FlowDefinition example = new FlowFiles(ContentFolder.withOverrides(EXAMPLE_CONTENT.toAbsolutePath())).load("example");
        assertThat(example.steps()).extracting(FlowDefinition.Step::type).containsExactly(StepType.STATEMENT,
                StepType.CONSENT, StepType.LIVE_CHOICE, StepType.LIKERT, StepType.FREE_TEXT, StepType.CONFIRM);
        assertThat(example.step("mood").orElseThrow().optionIds()).isEqualTo(FlowDefinition.LIKERT_POINTS);
        assertThat(example.step("consent").orElseThrow().statements()).hasSize(2);
        assertThat(example.opensWithStatement()).isTrue();
        assertThat(example.takesTypedText()).isTrue();
    }

    @Test
    void theSchemaRejectsWhatTheEngineCannotRun() throws IOException {
        JsonNode broken = YAML.readTree("""
                id: Broken Flow
                title: broken.title
                steps:
                  - {id: a, type: single_choice, text: broken.a}
                  - {id: b, type: consent, text: broken.b, options: [{id: x, text: x}, {id: y, text: y}]}
                  - {id: c, type: statement, text: broken.c, optional: true, typedText: true}
                  - {id: d, type: live_choice, text: broken.d}
                  - {id: e, type: wizardry, text: broken.e}
                """);
        assertThat(violations(broken)).hasSizeGreaterThanOrEqualTo(7);
    }

    @Test
    void theLoaderRefusesAFlowThatDoesNotEndWithAConfirmNamingTheFile(@TempDir Path folder) throws IOException {
        Files.createDirectories(folder.resolve("flows"));
        Files.writeString(folder.resolve("flows/unfinished.yaml"), """
                id: unfinished
                title: unfinished.title
                steps:
                  - {id: a, type: statement, text: unfinished.a}
                """);
        Files.writeString(folder.resolve("flows/twice.yaml"), """
                id: twice
                title: twice.title
                steps:
                  - {id: a, type: statement, text: twice.a}
                  - {id: a, type: confirm, text: twice.b}
                """);
        FlowFiles files = new FlowFiles(ContentFolder.withOverrides(folder));
        assertThatThrownBy(() -> files.load("unfinished")).isInstanceOf(ContentException.class)
                .hasMessageContaining("flows/unfinished.yaml").hasMessageContaining("must end with a confirm step");
        assertThatThrownBy(() -> files.load("twice")).isInstanceOf(ContentException.class)
                .hasMessageContaining("flows/twice.yaml").hasMessageContaining("every step needs its own id");
        assertThatThrownBy(() -> files.load("missing")).isInstanceOf(ContentException.class)
                .hasMessageContaining("flows/missing.yaml");
    }

    static List<Path> yamlFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    static Set<ValidationMessage> violations(JsonNode flow) throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.newInputStream(SHIPPED.resolve("flow.schema.json")));
        return schema.validate(flow);
    }
}
