package org.signpost.dialogs.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wording: checked file by file at start-up, and locales normalised to the files there are. */
class MessagesTests {

    static final Messages SHIPPED = new Messages(ContentFolder.shipped());

    @TempDir
    Path folder;

    @Test
    void whateverLocaleAClientSendsItGetsTheWordingOfAFileThereIs() throws IOException {
        Wording english = SHIPPED.wording("en-GB");
        for (String tag : new String[] {"en-gb", "en_GB", "EN-GB", "en", "en-US", "xx-YY", "", " ", null, "*",
                "en-GB-x-private", "not a locale at all", "x".repeat(10_000)}) {
            assertThat(SHIPPED.wording(tag)).as("%s", tag).isSameAs(english);
        }

        write("messages/gd-GB.properties", "support.title=Far am faigh thu taic\n");
        Messages withGaelic = new Messages(ContentFolder.withOverrides(folder));
        for (String tag : List.of("gd-GB", "gd-gb", "gd_GB", "gd", "gd-IE")) {
            assertThat(withGaelic.wording(tag).locale()).as(tag).isEqualTo(Locale.forLanguageTag("gd-GB"));
            assertThat(withGaelic.wording(tag).text("support.title")).isEqualTo("Far am faigh thu taic");
        }
        assertThat(withGaelic.wording("gd").text("menu.title")).as("falls back to en-GB")
                .isEqualTo(english.text("menu.title"));
    }

    @Test
    void aFilesOwnTagGetsTheWordingItsParsedFormGets() throws IOException {
        write("messages/gd-GB.properties", "support.title=Far am faigh thu taic\n");
        write("messages/gd.properties", "support.title=Taic\n");
        write("messages/cy.properties", "support.title=Cymorth\n");
        Messages messages = new Messages(ContentFolder.withOverrides(folder));
        assertThat(messages.locales()).hasSize(4);
        for (Locale locale : messages.locales()) {
            String tag = locale.toLanguageTag();
            // the padded tag is not one the files name, so it is parsed and matched as any other tag is
            assertThat(messages.wording(tag)).as(tag).isSameAs(messages.wording(" " + tag + " "));
            assertThat(messages.wording(tag).locale()).as(tag).isEqualTo(locale);
        }
    }

    @Test
    void thousandsOfInventedLocalesShareTheFewWordingsThereAre() {
        Random random = new Random(7);
        Set<Wording> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < 5_000; i++) {
            String tag = (char) ('a' + random.nextInt(26)) + "" + (char) ('a' + random.nextInt(26)) + "-"
                    + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
            distinct.add(SHIPPED.wording(tag));
        }
        assertThat(distinct).hasSizeLessThanOrEqualTo(SHIPPED.locales().size());
    }

    @Test
    void aWordingFileThatCannotBeReadStopsStartUpNamingIt() throws IOException {
        write("messages/en-GB.properties", "support.title=Broken \\uZZZZ escape\n");
        assertRefused("messages/en-GB.properties in the content folder", "cannot be read");

        Files.write(folder.resolve("messages/en-GB.properties"), new byte[] {'a', '=', (byte) 0xC3, (byte) 0x28});
        assertRefused("messages/en-GB.properties in the content folder", "not UTF-8");
    }

    @Test
    void aTranslationWithAKeyEnglishDoesNotHaveStopsStartUp() throws IOException {
        write("messages/gd-GB.properties", "support.titel=Far am faigh thu taic\n");
        assertRefused("messages/gd-GB.properties in the content folder", "support.titel is not a key");
    }

    @Test
    void aTextThatDropsOrInventsAPlaceholderStopsStartUp() throws IOException {
        write("messages/en-GB.properties", "support.phone=Ring us\n");
        assertRefused("messages/en-GB.properties in the content folder", "support.phone", "{number}");

        write("messages/en-GB.properties", "menu.title=Hello {name}\n");
        assertRefused("messages/en-GB.properties in the content folder", "menu.title", "{name}");
    }

    @Test
    void anEmptyEnglishTextOrAFileNotNamedByALanguageStopsStartUp() throws IOException {
        write("messages/en-GB.properties", "support.title=\n");
        assertRefused("messages/en-GB.properties in the content folder", "support.title has no text");

        Files.delete(folder.resolve("messages/en-GB.properties"));
        write("messages/en_GB.properties", "support.title=Help\n");
        assertRefused("messages/en_GB.properties in the content folder", "not a language tag");
    }

    @Test
    void wordingSomeContentNeedsMustBeInEnglish() {
        assertThatThrownBy(() -> SHIPPED.require(List.of("menu.title", "support.service.canteen.name"), "the menu"))
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("messages/en-GB.properties has no text for support.service.canteen.name")
                .hasMessageContaining("which the menu needs");
    }

    @Test
    void aTextThatSaysChooseSomethingNamesAButtonThereIs() throws IOException {
        // the receipt of an announcement said choose "Announcements sent", the overview's heading, not its menu item
        Properties english = new Properties();
        english.load(new StringReader(new String(ContentFolder.shipped().read("messages/en-GB.properties").orElseThrow(),
                StandardCharsets.UTF_8)));
        Set<String> buttons = new TreeSet<>();
        for (String key : english.stringPropertyNames()) {
            boolean menuItem = key.startsWith("menu.") && !key.endsWith(".keyword") && !key.equals("menu.title")
                    && !key.equals("menu.plainTextHint");
            if (menuItem || BUTTON.matcher(key).find()) {
                buttons.add(english.getProperty(key));
            }
        }
        for (String key : english.stringPropertyNames()) {
            Matcher chosen = CHOOSE.matcher(english.getProperty(key));
            while (chosen.find()) {
                assertThat(buttons).as("%s says choose \"%s\"", key, chosen.group(1)).contains(chosen.group(1));
            }
        }
    }

    /** A flow's buttons (FlowWording), an announcement card's and the overview's. */
    private static final Pattern BUTTON = Pattern.compile(
            "\\.(start|later|next|skip|cancel|submit|retry|agree|refuse|another)$|^announcement\\.action\\.[a-z-]+$");
    private static final Pattern CHOOSE = Pattern.compile("(?i)\\b(?:choose|press|click|select) \"([^\"]+)\"");

    private void assertRefused(String... named) {
        assertThatThrownBy(() -> new Messages(ContentFolder.withOverrides(folder)))
                .isInstanceOf(ContentException.class).hasMessageContainingAll(named);
    }

    private void write(String file, String text) throws IOException {
        Files.createDirectories(folder.resolve(file).getParent());
        Files.writeString(folder.resolve(file), text, StandardCharsets.UTF_8);
    }
}
