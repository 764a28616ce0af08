package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.announcement.LearningDirectory;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.flow.FlowEngine;
import org.signpost.dialogs.flow.FlowFiles;
import org.signpost.dialogs.flow.FlowWording;
import org.signpost.dialogs.support.SupportCard;
import org.signpost.dialogs.support.SupportDirectory;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyFlow;

/**
 * The shipped content and the code agree (like spring-petclinic's I18nPropertiesSyncTest): every wording key
 * the code, the page templates and the content files use is in the English wording, and every English line
 * is used by one of them or listed below as spare, with its reason; the directories, the menu and the themes
 * have their wording; the theme training data names exactly the themes the code knows. (That every intent is
 * a capability and every capability an intent needs the wired bot: {@code SignpostIntegrationTests}. Start-up checks an organisation's own content: {@link ContentCheck}, {@code Messages}; the
 * flow files and their keys: {@code FlowFilesTests}; the surveys: {@code SurveyFilesTests}.)
 */
class ContentCompletenessTests {

    static final Path CONTENT = Path.of("..", "resources");
    static final List<Path> CODE = List.of(Path.of("..", "dialogs", "src", "main", "java"),
            Path.of("src", "main", "java"), Path.of("src", "main", "resources", "templates"));

    /** English lines no code or content asks for by name, and why they stay. */
    static final Map<String, String> SPARE = Map.of(
            "support.employer.heading", "heads the employer's own services on the support card: the shipped"
                    + " directory lists none until an organisation gives them a phone number or a website");

    /** A key asked for by name: wording.text("…"), say("…"), a template's w.text('…'), and the like. */
    static final Pattern ASKED_FOR = Pattern.compile(
            "(?:text|say|sayThenMenu|has|key|heading)\\(\\s*[\"']([a-z][\\w-]*(?:\\.[\\w-]+)+)[\"']\\s*[,)]");
    /** Any string in code or templates; keys are also built from a literal prefix ("results.theme." + id). */
    static final List<Pattern> LITERALS = List.of(Pattern.compile("\"([^\"\\\\\\n]*)\""),
            Pattern.compile("'([^'\\n]*)'"));
    static final Pattern DOTTED = Pattern.compile("[a-z][\\w-]*(?:\\.[\\w-]+)+");

    static final ContentFolder SHIPPED = ContentFolder.shipped();
    static final Messages MESSAGES = new Messages(SHIPPED);

    @Test
    void everyKeyTheCodeAndTheTemplatesAskForIsInTheEnglishWording() throws IOException {
        Set<String> english = englishKeys();
        Map<String, String> missing = new TreeMap<>();
        int asked = 0;
        for (Path file : files(CODE)) {
            Matcher keys = ASKED_FOR.matcher(Files.readString(file));
            while (keys.find()) {
                asked++;
                if (!english.contains(keys.group(1))) {
                    missing.put(keys.group(1), file.toString());
                }
            }
        }
        assertThat(missing).as("keys asked for that en-GB does not have").isEmpty();
        assertThat(asked).isGreaterThan(200);
    }

    @Test
    void everyEnglishLineIsUsedOrListedAsSpare() throws IOException {
        Set<String> unused = englishKeys();
        unused.removeAll(used());
        assertThat(unused).as("en-GB lines nothing uses: remove them, or list them in SPARE with a reason")
                .containsExactlyInAnyOrderElementsOf(SPARE.keySet());
    }

    @Test
    void everyDirectoryEntryAndTheMenuOfEveryIntentHaveTheirWording() {
        MESSAGES.require(new SupportCard(SupportDirectory.load(SHIPPED)).wordingKeys(), "the support directory");
        MESSAGES.require(LearningDirectory.load(SHIPPED).wordingKeys(), "the learning directory");
        MESSAGES.require(menuKeys(), "the menu items of the intents");
    }

    /** Placeholders that carry a count: a text using one must say it through a plural text (1 answer, 2 answers). */
    static final Set<String> COUNTS = Set.of("count", "questions", "k", "k1", "responses", "places");

    @Test
    void everyEnglishTextWithACountSaysItInPluralForms() throws IOException {
        Properties english = new Properties();
        try (Reader reader = Files.newBufferedReader(CONTENT.resolve("messages/en-GB.properties"),
                StandardCharsets.UTF_8)) {
            english.load(reader);
        }
        Map<String, String> singularOnly = new TreeMap<>();
        for (String key : english.stringPropertyNames()) {
            String text = english.getProperty(key);
            for (String count : COUNTS) {
                if (text.contains("{" + count + "}") && !Pattern.compile("\\{" + count + "\\s*,\\s*plural\\s*,")
                        .matcher(text).find()) {
                    singularOnly.put(key, count);
                }
            }
        }
        assertThat(singularOnly).as("texts with a count but no plural forms for it").isEmpty();
    }

    /** Each theme the code counts free text by has training lines and a name on HR's pages; nothing else does. */
    @Test
    void theThemesInTheTrainingDataAreExactlyTheThemesTheCodeKnows() throws IOException {
        assertThat(labels("nlp/themes-en-GB.txt")).containsExactlyInAnyOrderElementsOf(SurveyDefinition.THEMES);
        MESSAGES.require(SurveyDefinition.THEMES.stream().map(theme -> "results.theme." + theme).toList(),
                "the themes");
    }

    /**
     * What uses an English line: any string in code and templates, any dotted word in content files, keys
     * built from a literal prefix, and the keys the flows, the menu and the directories are known to build.
     */
    static Set<String> used() throws IOException {
        Set<String> used = new TreeSet<>();
        List<String> prefixes = new ArrayList<>();
        for (Path file : files(CODE)) {
            String code = Files.readString(file);
            for (Pattern pattern : LITERALS) {
                Matcher literal = pattern.matcher(code);
                while (literal.find()) {
                    String text = literal.group(1);
                    used.add(text);
                    // a prefix of two parts or more: "results.theme." but not "menu." (menu keys: from intents)
                    if (text.endsWith(".") && DOTTED.matcher(text.substring(0, text.length() - 1)).matches()) {
                        prefixes.add(text);
                    }
                }
            }
        }
        for (Path file : files(List.of(CONTENT))) {
            if (file.toString().endsWith(".yaml")) {
                DOTTED.matcher(Files.readString(file)).results().map(MatchResult::group).forEach(used::add);
            }
        }
        // the survey's flow is built from its survey file; other flows are files, and need what their steps need
        for (FlowWording wording : FlowWording.values()) {
            used.add(wording.key(SurveyFlow.ID));
        }
        FlowFiles flows = new FlowFiles(SHIPPED);
        flowFileIds().forEach(flow -> used.addAll(FlowEngine.wordingKeys(flows.load(flow))));
        used.addAll(menuKeys());
        used.addAll(new SupportCard(SupportDirectory.load(SHIPPED)).wordingKeys());
        used.addAll(LearningDirectory.load(SHIPPED).wordingKeys());
        for (String key : englishKeys()) {
            if (prefixes.stream().anyMatch(key::startsWith)) {
                used.add(key);
            }
        }
        return used;
    }

    static List<String> flowFileIds() {
        return SHIPPED.list("flows").stream().filter(name -> name.endsWith(".yaml"))
                .map(name -> name.substring(0, name.length() - ".yaml".length())).sorted().toList();
    }

    /** The capabilities people can ask for in words: the intents the training data teaches, but "none". */
    static Set<String> intents() throws IOException {
        Set<String> intents = labels("nlp/intents-en-GB.txt");
        intents.remove("none");
        return intents;
    }

    static Set<String> menuKeys() {
        try {
            Set<String> keys = new TreeSet<>(Set.of("menu.title", "menu.plainTextHint"));
            for (String intent : intents()) {
                if (englishKeys().contains("menu." + intent)) {
                    keys.add("menu." + intent);
                    keys.add("menu." + intent + ".keyword");
                }
            }
            return keys;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> englishKeys() throws IOException {
        Properties english = new Properties();
        try (Reader reader = Files.newBufferedReader(CONTENT.resolve("messages/en-GB.properties"),
                StandardCharsets.UTF_8)) {
            english.load(reader);
        }
        return new TreeSet<>(english.stringPropertyNames());
    }

    static Set<String> labels(String file) throws IOException {
        Set<String> labels = new TreeSet<>();
        for (String line : Files.readAllLines(CONTENT.resolve(file), StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                labels.add(line.strip().split(" ", 2)[0]);
            }
        }
        return labels;
    }

    static List<Path> files(List<Path> folders) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path folder : folders) {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        return files;
    }
}
