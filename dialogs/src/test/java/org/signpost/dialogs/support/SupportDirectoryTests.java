package org.signpost.dialogs.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.dialogs.content.ContentException;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;

/** A support directory that would break the support card stops start-up, naming the file. */
class SupportDirectoryTests {

    @TempDir
    Path folder;

    @Test
    void theShippedDirectoryHasWordingForEveryListedService() {
        SupportCard card = new SupportCard(SupportDirectory.load(ContentFolder.shipped()));
        new Messages(ContentFolder.shipped()).require(card.wordingKeys(), card.source());
        assertThat(card.wordingKeys()).contains("support.service.samaritans.name", "support.national.heading")
                .doesNotContain("support.service.intranet.name");
    }

    @Test
    void anUnreadableDirectoryIsNamedWithItsLine() throws IOException {
        directory("services:\n  - id: samaritans\n    phone: \"116 123\n");
        assertThatThrownBy(() -> SupportDirectory.load(ContentFolder.withOverrides(folder)))
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("support/directory.yaml in the content folder").hasMessageContaining("line");
    }

    @Test
    void repeatedIdsMissingKindsAndNoUrgentServiceAreRefused() throws IOException {
        directory("services:\n  - id: samaritans\n    kind: national\n    urgent: true\n    phone: \"116 123\"\n"
                + "  - id: samaritans\n    kind: national\n    phone: \"116 123\"\n");
        assertRefused("the id samaritans is used twice");

        directory("services:\n  - id: samaritans\n    urgent: true\n    phone: \"116 123\"\n");
        assertRefused("needs an id and a kind");

        directory("services:\n  - id: samaritans\n    kind: national\n    phone: \"116 123\"\n");
        assertRefused("no urgent service");

        directory("services:\n  - id: Our Canteen\n    kind: employer\n    urgent: true\n    phone: \"1\"\n");
        assertRefused("lower-case letters, digits and hyphens");
    }

    @Test
    void aListedEntryWithoutWordingIsFoundBeforeAnyoneSeesTheCard() throws IOException {
        directory("services:\n  - id: samaritans\n    kind: national\n    urgent: true\n    phone: \"116 123\"\n"
                + "  - id: canteen-listening\n    kind: employer\n    phone: \"0800 000 2222\"\n");
        SupportCard card = new SupportCard(SupportDirectory.load(ContentFolder.withOverrides(folder)));
        assertThatThrownBy(() -> new Messages(ContentFolder.withOverrides(folder)).require(card.wordingKeys(),
                card.source())).isInstanceOf(ContentException.class)
                .hasMessageContaining("support.service.canteen-listening.name")
                .hasMessageContaining("support/directory.yaml in the content folder");
    }

    private void assertRefused(String problem) {
        assertThatThrownBy(() -> SupportDirectory.load(ContentFolder.withOverrides(folder)))
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("support/directory.yaml in the content folder").hasMessageContaining(problem);
    }

    private void directory(String yaml) throws IOException {
        Files.createDirectories(folder.resolve("support"));
        Files.writeString(folder.resolve("support/directory.yaml"), yaml);
    }
}
