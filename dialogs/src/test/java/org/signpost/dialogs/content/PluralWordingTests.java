package org.signpost.dialogs.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counts in the wording take their plural form by the locale's CLDR rules, given as data, not code. */
class PluralWordingTests {

    static final Wording ENGLISH = new Messages(ContentFolder.shipped()).wording("en-GB");

    /** A count-bearing text, the value that counts, and what it must say for 0, 1 and 2. */
    record Counted(String key, String name, String zero, String one, String two) {
    }

    static final List<Counted> COUNTED = List.of(
            new Counted("survey.privacy.body", "questions", "There are 0 questions,", "There is 1 question, and it can",
                    "There are 2 questions, and every one"),
            new Counted("survey.privacy.body", "k", "groups of at least 0 people.", "groups of at least 1 person.",
                    "groups of at least 2 people."),
            new Counted("survey.confirm", "count", "You skipped every question, so no answers will be added",
                    "Submit your answers? 1 answer will be added", "Submit your answers? 2 answers will be added"),
            new Counted("survey.receipt", "count", "No answers were added, as you skipped every question",
                    "Thank you. 1 answer was added", "Thank you. 2 answers were added"),
            new Counted("campaign.pledges", "count", "0 pledges this year", "1 pledge this year", "2 pledges this year"),
            new Counted("focusgroup.option.places", "places", "(0 places left)", "(1 place left)", "(2 places left)"),
            new Counted("results.summary.notYet", "k", "Fewer than 0 responses have been",
                    "Fewer than 1 response has been", "Fewer than 2 responses have been"),
            new Counted("results.summary.responses", "responses", "0 responses so far", "1 response so far",
                    "2 responses so far"),
            new Counted("results.summary.responsesAndRate", "responses", "0 responses, a", "1 response, a",
                    "2 responses, a"),
            new Counted("results.pages.groupsAtClose", "k", "fewer than 0 people between",
                    "fewer than 1 person between", "fewer than 2 people between"),
            new Counted("results.pages.released", "k", "at least 0 new responses,", "at least 1 new response,",
                    "at least 2 new responses,"),
            new Counted("results.pages.notReleased", "k", "at least 0 people have responded",
                    "at least 1 person has responded", "at least 2 people have responded"),
            new Counted("results.pages.rule", "k", "fewer than 0 people in a group",
                    "fewer than 1 person in a group", "fewer than 2 people in a group"),
            new Counted("results.pages.managersIntro", "k", "at least 0 answers.", "at least 1 answer.",
                    "at least 2 answers."),
            new Counted("results.rates.rule", "k1", "even 0 responses would", "even 1 response would",
                    "even 2 responses would"),
            new Counted("audit.holds", "count", ": 0 keys", ": 1 key", ": 2 keys"));

    @TempDir
    Path folder;

    @Test
    void everyCountBearingEnglishTextSaysZeroOneAndTwoInItsOwnForm() {
        SoftAssertions softly = new SoftAssertions();
        for (Counted counted : COUNTED) {
            for (Map.Entry<String, String> expected : Map.of("0", counted.zero(), "1", counted.one(), "2",
                    counted.two()).entrySet()) {
                // a text with two counts (the survey's questions and k) has the other filled in too
                Map<String, String> values = new HashMap<>(Map.of("questions", "3", "k", "10", "what", "Keys"));
                values.put(counted.name(), expected.getKey());
                String text = ENGLISH.text(counted.key(), values);
                softly.assertThat(text).as("%s with %s=%s", counted.key(), counted.name(), expected.getKey())
                        .contains(expected.getValue()).doesNotContain("plural").doesNotContain("#");
            }
        }
        softly.assertAll();
    }

    @Test
    void theSameValueCanCountTwiceAndOtherPlaceholdersAreStillFilledIn() {
        String released = ENGLISH.text("results.pages.released", Map.of("k", "1", "when", "1 May"));
        assertThat(released).startsWith("Figures as released on 1 May.").contains("at least 1 new response,",
                "answered by at least 1 of them", "fewer than 1 person in any figure");
        assertThat(ENGLISH.text("focusgroup.option.places", Map.of("title", "Wellbeing", "when", "Monday",
                "places", "1"))).isEqualTo("Wellbeing, Monday (1 place left)");
    }

    @Test
    void aLanguageWithMoreCategoriesPicksEachByItsRulesWithoutCodeChanges() throws IOException {
        write("messages/cy-GB.properties", "campaign.pledges=" + allForms("zero one two few many other") + "\n");
        write("messages/gd-GB.properties", "campaign.pledges=" + allForms("one two few other") + "\n");
        Messages messages = new Messages(ContentFolder.withOverrides(folder));
        Map<String, String> welsh = Map.of("0", "zero", "1", "one", "2", "two", "3", "few", "6", "many", "7", "other",
                "11", "other", "100", "other");
        welsh.forEach((count, form) -> assertThat(pledges(messages, "cy-GB", count)).as("cy %s", count)
                .isEqualTo(form + " " + count));
        Map<String, String> gaelic = Map.of("1", "one", "11", "one", "2", "two", "12", "two", "3", "few", "19", "few",
                "0", "other", "20", "other");
        gaelic.forEach((count, form) -> assertThat(pledges(messages, "gd", count)).as("gd %s", count)
                .isEqualTo(form + " " + count));
    }

    @Test
    void aPluralTextMissingAFormItsLanguageNeedsStopsStartUpNamingIt() throws IOException {
        write("messages/cy-GB.properties", "campaign.pledges=" + allForms("zero one two many other") + "\n");
        assertRefused("messages/cy-GB.properties in the content folder", "campaign.pledges", "missing [few]");

        Files.delete(folder.resolve("messages/cy-GB.properties"));
        write("messages/en-GB.properties", "survey.receipt={count, plural, other {# answers}}\n");
        assertRefused("messages/en-GB.properties", "survey.receipt", "missing [one]");

        write("messages/en-GB.properties", "survey.receipt={count, plural, one {# answer} few {#} other {#}}\n");
        assertRefused("messages/en-GB.properties", "survey.receipt", "not forms of this language [few]");

        write("messages/en-GB.properties", "survey.receipt={count, plural, one {# answer} other {# answers}\n");
        assertRefused("messages/en-GB.properties", "survey.receipt", "not closed");
    }

    @Test
    void aLanguageIsAddedWithItsRulesAsDataAndRefusedWithout() throws IOException {
        write("messages/fr.properties", "campaign.pledges={count, plural, one {# promesse} other {# promesses}}\n");
        assertRefused("messages/fr.properties in the content folder", "no plural rules for the language fr");

        write(PluralRules.FILE, "fr=one: i = 0,1\n");
        Wording french = new Messages(ContentFolder.withOverrides(folder)).wording("fr");
        assertThat(french.text("campaign.pledges", Map.of("count", "0"))).isEqualTo("0 promesse");
        assertThat(french.text("campaign.pledges", Map.of("count", "2"))).isEqualTo("2 promesses");

        write(PluralRules.FILE, "fr=one: i = 0,1 or\n");
        assertRefused(PluralRules.FILE + " in the content folder", "fr has a rule");
    }

    @Test
    void anOrganisationsOwnTextWithoutPluralFormsStillWorks() throws IOException {
        write("messages/en-GB.properties", "survey.receipt=Thanks: {count} answers counted.\n");
        Wording english = new Messages(ContentFolder.withOverrides(folder)).wording("en-GB");
        assertThat(english.text("survey.receipt", Map.of("count", "2"))).isEqualTo("Thanks: 2 answers counted.");
    }

    private static String allForms(String categories) {
        StringBuilder text = new StringBuilder("{count, plural,");
        for (String category : categories.split(" ")) {
            text.append(' ').append(category).append(" {").append(category).append(" #}");
        }
        return text.append('}').toString();
    }

    private static String pledges(Messages messages, String locale, String count) {
        return messages.wording(locale).text("campaign.pledges", Map.of("count", count));
    }

    private void assertRefused(String... named) {
        assertThatThrownBy(() -> new Messages(ContentFolder.withOverrides(folder)))
                .isInstanceOf(ContentException.class).hasMessageContainingAll(named);
    }

    private void write(String file, String text) throws IOException {
        Files.createDirectories(folder.resolve(file).getParent());
        Files.writeString(folder.resolve(file), text, StandardCharsets.UTF_8);
    }
}
