package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.dialogs.content.ContentException;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * An organisation's content folder with a broken file stops the bot at start-up, naming the file and
 * the problem, instead of breaking the first conversation for everyone.
 */
class ContentStartupIntegrationTests {

    @TempDir
    Path folder;

    @Test
    void aSurveyOptionWithoutEnglishTextStopsStartUp() throws IOException {
        write("surveys/staff-survey.yaml", shipped("surveys/staff-survey.yaml")
                .replace("      - id: not-sure\n        text:\n          en-GB: Not sure\n",
                        "      - id: not-sure\n        text:\n          gd-GB: Chan eil fhios\n"));

        assertRefused("surveys/staff-survey.yaml in the content folder", "option not-sure has no en-GB text");
    }

    @Test
    void anUnreadableSurveyStopsStartUp() throws IOException {
        write("surveys/pulse.yaml", "id: pulse\nquestions: [\n");

        assertRefused("surveys/pulse.yaml in the content folder");
    }

    @Test
    void aBrokenWordingFileStopsStartUp() throws IOException {
        write("messages/en-GB.properties", "support.phone=Ring us\n");

        assertRefused("messages/en-GB.properties in the content folder", "support.phone", "{number}");
    }

    @Test
    void aSupportEntryWithoutWordingStopsStartUp() throws IOException {
        write("support/directory.yaml", shipped("support/directory.yaml")
                + "  - id: canteen-listening\n    kind: employer\n    phone: \"0800 000 2222\"\n");

        assertRefused("support/directory.yaml in the content folder", "support.service.canteen-listening.name");
    }

    @Test
    void aTrainingLineForAnIntentTheBotDoesNotHaveStopsStartUp() throws IOException {
        write("nlp/intents-en-GB.txt", shipped("nlp/intents-en-GB.txt") + "suport where do i find help\n");

        assertRefused("nlp/intents-en-GB.txt in the content folder", "unknown label(s) suport");
    }

    private void assertRefused(String... named) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SignpostApplication.class).run("--server.port=0",
                "--signpost.redis.data-folder=" + folder.resolve("data"),
                "--signpost.conversation.content-folder=" + folder.resolve("content")).close())
                .rootCause().isInstanceOf(ContentException.class).hasMessageContainingAll(named);
    }

    private void write(String file, String text) throws IOException {
        Path path = folder.resolve("content").resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text, StandardCharsets.UTF_8);
    }

    private static String shipped(String file) throws IOException {
        try (InputStream in = ContentStartupIntegrationTests.class.getResourceAsStream("/content/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
