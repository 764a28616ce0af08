package org.signpost.bot.understanding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.signpost.dialogs.content.ContentFolder;

/**
 * The phrase list, {@code nlp/crisis-phrases-<locale>.txt}, read into a {@link PhraseNet}. A line is
 * {@code <category> | <phrase> [| if: <words>] [| unless: <words>]}: the phrase must appear in one sentence,
 * with at least one of the {@code if} words and none of the {@code unless} words in that sentence.
 * In a phrase, {@code a/b} is either word, {@code word*} any word that starts so, {@code *} any one word and
 * {@code ..} up to three words, {@code $} the end of the sentence, {@code ~word} the word or a one-letter typo
 * of it; a phrase starting {@code -a/b} does not count right after a or b ("don't want
 * to die" is not "want to die"). Two directives name the words that tell whose risk it is:
 * {@code @someone-else: he she my friend ...} and {@code @self: i im ...}. A third,
 * {@code @evidence: die dead kill* ...}, names the risk-carrying words. A fourth,
 * {@code @together <n>: <category> | <phrase> [| if: ...] [| unless: ...]}, is a rule that counts only when
 * at least n sentences of one message match it.
 */
final class PhraseList {

    private PhraseList() {
    }

    /** The locale's list where there is one, always with the English one (people switch languages). */
    static PhraseNet load(ContentFolder content, Locale locale, Set<String> categories) {
        List<String> files = new ArrayList<>();
        if (!locale.toLanguageTag().equals("en-GB")) {
            files.add("nlp/crisis-phrases-" + locale.toLanguageTag() + ".txt");
            files.add("nlp/crisis-phrases-" + locale.getLanguage() + ".txt");
        }
        files.add("nlp/crisis-phrases-en-GB.txt");
        List<String> lines = new ArrayList<>();
        for (String file : files.stream().distinct().toList()) {
            for (byte[] layer : content.layers(file)) {
                lines.addAll(Arrays.asList(new String(layer, StandardCharsets.UTF_8).split("\\R")));
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalStateException("Missing nlp/crisis-phrases-en-GB.txt");
        }
        return parse(lines, categories);
    }

    static PhraseNet parse(List<String> lines, Set<String> categories) {
        List<PhraseRule> rules = new ArrayList<>();
        List<PhraseNet.Together> together = new ArrayList<>();
        List<PhraseWord> someoneElse = new ArrayList<>();
        List<PhraseWord> self = new ArrayList<>();
        List<PhraseWord> evidence = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("@someone-else:")) {
                someoneElse.addAll(Arrays.asList(words(line.substring(line.indexOf(':') + 1))));
                continue;
            }
            if (line.startsWith("@self:")) {
                self.addAll(Arrays.asList(words(line.substring(line.indexOf(':') + 1))));
                continue;
            }
            if (line.startsWith("@evidence:")) {
                evidence.addAll(Arrays.asList(words(line.substring(line.indexOf(':') + 1))));
                continue;
            }
            if (line.startsWith("@together")) {
                int colon = line.indexOf(':');
                int count = colon < 0 ? 0 : parseCount(line.substring("@together".length(), colon).strip());
                if (count < 2) {
                    throw new IllegalStateException("crisis phrases: not @together <2 or more>: <rule>: " + line);
                }
                together.add(new PhraseNet.Together(count, rule(line.substring(colon + 1).strip(), categories)));
                continue;
            }
            rules.add(rule(line, categories));
        }
        return new PhraseNet(rules, together, someoneElse, self, evidence);
    }

    private static int parseCount(String count) {
        try {
            return Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static PhraseRule rule(String line, Set<String> categories) {
        String[] parts = line.split("\\|");
        String category = parts[0].strip();
        if (parts.length < 2 || !categories.contains(category)) {
            throw new IllegalStateException("crisis phrases: not <category in scope> | <phrase>: " + line);
        }
        PhraseWord[] needs = new PhraseWord[0];
        PhraseWord[] unless = new PhraseWord[0];
        for (int i = 2; i < parts.length; i++) {
            String part = parts[i].strip();
            if (part.contains("unless:") && part.startsWith("if:")) {
                throw new IllegalStateException("crisis phrases: separate if: and unless: with | in " + line);
            }
            if (part.startsWith("if:")) {
                needs = words(part.substring(3));
            } else if (part.startsWith("unless:")) {
                unless = words(part.substring(7));
            } else {
                throw new IllegalStateException("crisis phrases: expected if: or unless: in " + line);
            }
        }
        String words = parts[1].strip();
        PhraseWord notAfter = null;
        if (words.startsWith("-")) {
            int space = words.indexOf(' ');
            notAfter = PhraseWord.parse(words.substring(1, space));
            words = words.substring(space + 1);
        }
        PhraseWord[] phrase = words(words);
        if (phrase.length == 0 || phrase[0].gap()) {
            throw new IllegalStateException("crisis phrases: a phrase starts with a word: " + line);
        }
        return new PhraseRule(category, notAfter, phrase, needs, unless);
    }

    private static PhraseWord[] words(String words) {
        String[] tokens = words.toLowerCase(Locale.ROOT).replaceAll("['’‘]", "").strip().split("\\s+");
        return Arrays.stream(tokens).filter(token -> !token.isEmpty()).map(PhraseWord::parse)
                .toArray(PhraseWord[]::new);
    }
}
