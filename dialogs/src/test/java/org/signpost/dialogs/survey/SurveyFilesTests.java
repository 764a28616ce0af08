package org.signpost.dialogs.survey;

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
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.dialogs.content.ContentFolder;

/** Surveys are data: every shipped survey file is checked against the schema and loads. */
class SurveyFilesTests {

    static final Path SURVEYS = Path.of("..", "resources", "surveys");
    static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void everyShippedSurveyMatchesTheSchemaAndLoads() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(SURVEYS)) {
            files = list.filter(file -> file.toString().endsWith(".yaml")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            assertThat(violations(YAML.readTree(file.toFile()))).as(file.toString()).isEmpty();
            String id = file.getFileName().toString().replace(".yaml", "");
            assertThat(new SurveyCatalog(ContentFolder.shipped()).load(id).questions()).isNotEmpty();
        }
    }

    @Test
    void theDefaultSurveyCoversTheSeeMeInWorkThemesAndGroupings() {
        SurveyDefinition survey = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");
        assertThat(survey.questions()).extracting(SurveyDefinition.Question::id).contains("stigma-awareness",
                "talk-to-manager", "manager-support", "colleague-support", "open-culture", "training", "workload",
                "policies", "role", "area");
        assertThat(survey.question("role").orElseThrow().optionIds()).contains("manager", "not-manager");
        assertThat(survey.question("gender").orElseThrow().optionIds()).contains("self-describe", "prefer-not-to-say");
    }

    @Test
    void theSchemaRejectsWhatTheEngineCannotCount() throws IOException {
        JsonNode likertWithOptions = YAML.readTree("""
                id: broken
                title: {en-GB: Broken}
                questions:
                  - id: q1
                    type: likert
                    text: {en-GB: A question}
                    options: [{id: a, text: {en-GB: A}}, {id: b, text: {en-GB: B}}]
                  - id: Q 2
                    type: free-text
                    text: {cy: Dim Saesneg}
                """);
        assertThat(violations(likertWithOptions)).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void theLoaderRefusesDuplicateIdsWithAClearMessage(@TempDir Path folder) throws IOException {
        Files.createDirectories(folder.resolve("surveys"));
        Files.writeString(folder.resolve("surveys/twice.yaml"), """
                id: twice
                title: {en-GB: Twice}
                questions:
                  - {id: same, type: likert, text: {en-GB: One}}
                  - {id: same, type: likert, text: {en-GB: Two}}
                """);
        assertThatThrownBy(() -> new SurveyCatalog(ContentFolder.withOverrides(folder)).load("twice"))
                .hasMessageContaining("surveys/twice.yaml").hasMessageContaining("question id same is used twice");
    }

    private static Set<ValidationMessage> violations(JsonNode survey) throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.newInputStream(SURVEYS.resolve("survey.schema.json")));
        return schema.validate(survey);
    }
}
