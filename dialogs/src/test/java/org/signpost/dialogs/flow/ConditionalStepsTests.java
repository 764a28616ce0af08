package org.signpost.dialogs.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.dialogs.content.ContentException;
import org.signpost.dialogs.content.ContentFolder;

/**
 * A step with {@code when:} is shown only when an earlier choice was answered with one option: a run passes
 * over it otherwise and keeps nothing of it, and "Question n of m" counts only the steps it is shown.
 */
class ConditionalStepsTests {

    private static final String FLOW = """
            id: note
            title: note.title
            steps:
              - id: kind
                type: single_choice
                text: note.kind
                options: [{id: plain, text: note.plain}, {id: own, text: note.own}]
              - id: words
                type: free_text
                typedText: true
                when: {step: kind, is: own}
                text: note.words
                placeholder: note.words.placeholder
                note: note.words.note
              - id: audience
                type: single_choice
                text: note.audience
                options: [{id: all, text: note.all}, {id: some, text: note.some}]
              - id: confirm
                type: confirm
                text: note.confirm
            """;

    @TempDir
    Path folder;

    private FlowDefinition load(String id, String yaml) throws IOException {
        Files.createDirectories(folder.resolve("flows"));
        Files.writeString(folder.resolve("flows/" + id + ".yaml"), yaml);
        FlowDefinition definition = new FlowFiles(ContentFolder.withOverrides(folder)).load(id);
        assertThat(FlowFilesTests.violations(FlowFilesTests.YAML.readTree(yaml))).as("schema").isEmpty();
        return definition;
    }

    @Test
    void aStepWhoseConditionDoesNotHoldIsPassedOverAndNothingOfItIsKept() throws IOException {
        FlowDefinition definition = load("note", FLOW);
        FlowRun begun = FlowRun.begin("note", "i", definition.nextShown(0, Map.of()));

        FlowRun plain = begun.answer(definition, "kind", "plain");
        assertThat(definition.steps().get(plain.next()).id()).isEqualTo("audience");
        assertThat(plain.answers()).containsOnlyKeys("kind");
        FlowRun plainDone = plain.answer(definition, "audience", "all");
        assertThat(plainDone.next()).isEqualTo(definition.confirmIndex());
        assertThat(plainDone.answers()).containsOnlyKeys("kind", "audience");
        assertThat(definition.questions(plainDone.answers())).isEqualTo(2);
        assertThat(definition.questionNumber(definition.indexOf("audience"), plain.answers())).isEqualTo(2);

        FlowRun own = begun.answer(definition, "kind", "own");
        assertThat(definition.steps().get(own.next()).id()).isEqualTo("words");
        assertThat(definition.questions(own.answers())).isEqualTo(3);
        FlowRun worded = own.answer(definition, "words", "We listened.");
        assertThat(definition.steps().get(worded.next()).id()).isEqualTo("audience");
        assertThat(definition.questionNumber(worded.next(), worded.answers())).isEqualTo(3);
    }

    @Test
    void aSkippedChoiceShowsNoStepThatDependsOnIt() throws IOException {
        FlowDefinition definition = load("note", FLOW.replace("    type: single_choice\n    text: note.kind",
                "    type: single_choice\n    optional: true\n    text: note.kind"));
        FlowRun skipped = FlowRun.begin("note", "i", 0).answer(definition, "kind", FlowRun.SKIPPED);
        assertThat(definition.steps().get(skipped.next()).id()).isEqualTo("audience");
    }

    @Test
    void aFreeTextStepsOwnPlaceholderAndNoteAreItsWordingNotTheFlows() throws IOException {
        FlowDefinition definition = load("note", FLOW);
        assertThat(FlowEngine.wordingKeys(definition)).contains("note.words.placeholder", "note.words.note")
                .doesNotContain(FlowWording.FREE_TEXT_PLACEHOLDER.key("note"), FlowWording.FREE_TEXT_NOTE.key("note"));
    }

    @Test
    void aConditionMustNameAnEarlierChoiceAndOneOfItsOptions() throws IOException {
        Files.createDirectories(folder.resolve("flows"));
        Map<String, String> broken = Map.of(
                "later", FLOW.replace("when: {step: kind, is: own}", "when: {step: audience, is: all}"),
                "unknown", FLOW.replace("when: {step: kind, is: own}", "when: {step: kind, is: loud}"),
                "itself", FLOW.replace("when: {step: kind, is: own}", "when: {step: words, is: own}"),
                "confirm", FLOW.replace("    type: confirm\n", "    type: confirm\n    when: {step: kind, is: own}\n"),
                "text", FLOW.replace("    type: single_choice\n    text: note.audience",
                        "    type: single_choice\n    when: {step: words, is: own}\n    text: note.audience"));
        FlowFiles files = new FlowFiles(ContentFolder.withOverrides(folder));
        for (Map.Entry<String, String> flow : broken.entrySet()) {
            String id = "broken-" + flow.getKey();
            Files.writeString(folder.resolve("flows/" + id + ".yaml"), flow.getValue().replace("id: note\n", "id: " + id + "\n"));
            assertThatThrownBy(() -> files.load(id)).as(id).isInstanceOf(ContentException.class)
                    .hasMessageContaining("flows/" + id + ".yaml");
        }
        assertThat(FlowFilesTests.violations(FlowFilesTests.YAML.readTree(broken.get("confirm")))).as("schema")
                .isNotEmpty();
        assertThat(FlowFilesTests.violations(FlowFilesTests.YAML.readTree(FLOW.replace(
                "    type: single_choice\n    text: note.audience",
                "    type: single_choice\n    placeholder: note.x\n    text: note.audience")))).as("schema").isNotEmpty();
    }
}
