package org.signpost.dialogs.announcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.dialogs.announcement.LearningDirectory.Kind;
import org.signpost.dialogs.announcement.LearningDirectory.Resource;
import org.signpost.dialogs.content.ContentException;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;

class LearningDirectoryTests {

    @Test
    void theShippedDirectoryListsOnlyWhatHasALinkAndHasItsWording() {
        LearningDirectory shipped = LearningDirectory.load(ContentFolder.shipped());

        assertThat(shipped.listed()).isNotEmpty().allSatisfy(resource -> {
            assertThat(resource.kind()).as("employer entries ship empty").isEqualTo(Kind.NATIONAL);
            assertThat(resource.website()).startsWith("https://");
        });
        new Messages(ContentFolder.shipped()).require(shipped.wordingKeys(), shipped.origin());
    }

    @Test
    void anEmployerFillsInTheirOwnEntriesAndTheyComeFirst(@TempDir Path folder) throws IOException {
        Files.createDirectories(folder.resolve("learning"));
        Files.writeString(folder.resolve("learning/directory.yaml"), """
                resources:
                  - id: see-me-workplace
                    kind: national
                    website: https://www.seemescotland.org/workplace/
                  - id: employer-course
                    kind: employer
                    website: https://learning.example.org/mental-health
                """);

        assertThat(LearningDirectory.load(ContentFolder.withOverrides(folder)).listed()).extracting(Resource::id)
                .containsExactly("employer-course", "see-me-workplace");
    }

    @Test
    void aRepeatedIdStopsStartUpNamingTheFile(@TempDir Path folder) throws IOException {
        Files.createDirectories(folder.resolve("learning"));
        Files.writeString(folder.resolve("learning/directory.yaml"), """
                resources:
                  - id: same
                    kind: national
                    website: https://a.example
                  - id: same
                    kind: national
                    website: https://b.example
                """);

        assertThatThrownBy(() -> LearningDirectory.load(ContentFolder.withOverrides(folder)))
                .isInstanceOf(ContentException.class).hasMessageContaining("directory.yaml")
                .hasMessageContaining("used twice");
    }
}
