package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.tokenize.TokenContextGenerator;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.tokenize.WhitespaceTokenizer;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's tokenizer gives TokenizerME's tokens, span for span: on every shipped training and evaluation
 * text, every line of the shipped content, awkward strings and random strings of awkward characters; and its
 * compact model gives the OpenNLP model's probabilities, bit for bit, at every split decision. The same with the
 * pipeline's memo of the splits of the lemmatiser's words (its size, and two slots: keys overwriting each other).
 */
class CompactTokenizerTests {

    static TokenizerModel model;
    static TokenizerME opennlp;
    static CompactTokenizer compact;
    static CompactTokenizer memo;
    static CompactTokenizer tinyMemo;

    @BeforeAll
    static void load() throws IOException {
        model = new TokenizerModel(EnglishPipeline.model("tokens"));
        opennlp = new TokenizerME(model);
        compact = new CompactTokenizer(model);
        CompactEnglish english = CompactEnglish.builtIn().orElseThrow();
        WordTable words = LemmaIds.Tables.of(english.lemmas().predicates(), english.lemmas().model(0)).words();
        memo = new CompactTokenizer(english.tokens(), words, GreedyDecoder.MEMO_SLOTS);
        tinyMemo = new CompactTokenizer(english.tokens(), words, 2);
    }

    @Test
    void theSameSpansAsTokenizerMeOnEveryShippedTextAndContentLine() {
        List<String> texts = new ArrayList<>(CompactModelTests.texts());
        texts.addAll(contentLines());
        long tokens = 0;
        for (String text : texts) {
            tokens += assertSameSpans(text);
            // as the pipeline reads a text: curly apostrophes made straight
            tokens += assertSameSpans(text.replace('’', '\'').replace('‘', '\''));
        }
        System.out.printf("TOKENIZER: %,d texts, %,d tokens identical to TokenizerME's%n", texts.size() * 2, tokens);
        assertThat(tokens).isGreaterThan(1_000_000);
    }

    @Test
    void theSameSpansOnAwkwardStrings() {
        List<String> awkward = List.of("", " ", "   \t\n ", "a", "I", ".", "?!", "...", "can't", "won't've", "'quoted'",
                "\"double\"", "(brackets)", "[x]", "{y}", "U.S.", "e.g. this", "Mr. Smith", "etc.", "i.e.,", "3.14", "1,000",
                "£20.50", "€5", "50%", "#hashtag", "@mention", "someone@example.org", "https://example.org/a?b=c&d=e#f",
                "www.example.org", "C:\\path\\file.txt", "&amp;", "&x;", "a&b;", "--", "—em—dash—", "well…", "ok!!!",
                "no.no.no", "yes/no", "rock'n'roll", "o'clock", "it’s", "‘quoted’", "“smart”", "naïve café", "straße",
                "İstanbul", "ﬁne", "Ａｂｃ", "日本語のテキスト", "Привет, мир!", "مرحبا بالعالم", "שלום!", "नमस्ते।",
                "😀", "help 😢😢", "👨‍👩‍👧", "a\u200Bb", "a\u00A0b", "a\u2003b", "x\u0301y", "\uD83D", "a\uDC00b",
                "\uD83D\uDE00\uD83D", "tab\there", "line\r\nbreak", "\u2028sep\u2029", "A" + "-".repeat(300),
                "x".repeat(2_000), "a.b.c.d.e.f.g", "'", "''", "'s", "s'", "I'm ok.I'm not", "!!!???", "(((:)))",
                "<script>alert(1)</script>", "%s %d %n", "\\u0041", "0x1F", "+44 20 7946 0000", "24/7", "9am-5pm");
        long tokens = 0;
        for (String text : awkward) {
            tokens += assertSameSpans(text);
        }
        assertThat(tokens).isGreaterThan(100);
    }

    @Test
    void theSameSpansOnRandomStringsOfAwkwardCharacters() {
        String alphabet = "abcXYZ019 .,;:!?'\"`’‘-_/\\()[]{}&;#@$%*+=<>~^|\t\néüßİıﬁ日本ПрمرحשׁनЖ\u00A0\u200B\u2003\u0301"
                + "\uD83D\uDE00\uD83D\uDC4D\uDC00\uD800";
        Random random = new Random(14);
        long tokens = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(24); length > 0; length--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            tokens += assertSameSpans(text.toString());
        }
        assertThat(tokens).isGreaterThan(50_000);
    }

    @Test
    void theAlphanumericLoopAnswersAsTheModelsPattern() {
        Pattern pattern = model.getFactory().getAlphaNumericPattern();
        assertThat(pattern.pattern()).isEqualTo("^[A-Za-z0-9]+$");
        List<String> tokens = new ArrayList<>(List.of("", "a", "Z", "09", "abcXYZ019", "abc\n", "abc\u0085", "\nabc", "ab c",
                "é", "abc'", "a_b", "a-b", "\u0661", "ｂ", "İ", "abc\r\n"));
        Random random = new Random(14);
        String alphabet = "azAZ09`@[{/:_-é\n\u0085\u2028 ";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder token = new StringBuilder();
            for (int length = random.nextInt(6); length > 0; length--) {
                token.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            tokens.add(token.toString());
        }
        for (String token : tokens) {
            assertThat(CompactTokenizer.asciiAlphanumeric(token)).as(token).isEqualTo(pattern.matcher(token).matches());
        }
    }

    @Test
    void theCompactModelGivesOpenNlpsProbabilitiesAtEverySplitDecision() {
        MaxentModel maxent = model.getMaxentModel();
        CompactModels models = CompactModels.of(List.of(maxent));
        TokenContextGenerator contexts = model.getFactory().getContextGenerator();
        long compared = 0;
        for (String text : CompactModelTests.texts()) {
            for (Span span : WhitespaceTokenizer.INSTANCE.tokenizePos(text)) {
                String token = span.getCoveredText(text).toString();
                for (int at = 1; at < token.length(); at++) {
                    String[] context = contexts.getContext(token, at);
                    compared += CompactModelTests.assertIdentical(maxent.eval(context),
                            models.model(0).eval(models.predicates().ids(context)), text);
                }
            }
        }
        System.out.printf("TOKENIZER model: %,d probabilities identical to OpenNLP's%n", compared);
        assertThat(compared).isGreaterThan(1_000_000);
    }

    private static int assertSameSpans(String text) {
        Span[] expected = opennlp.tokenizePos(text);
        Same.elements(compact.tokenizePos(text), expected, () -> text);
        Same.elements(memo.tokenizePos(text), expected, () -> text);
        Same.elements(tinyMemo.tokenizePos(text), expected, () -> text);
        Same.elements(compact.tokenize(text), opennlp.tokenize(text), () -> text);
        return expected.length;
    }

    /** Every line of every file of the shipped content (wording, phrases, flows, surveys, directories). */
    static List<String> contentLines() {
        try {
            // the repository's content folder, which ships as content/ in the dialogs jar (a jar, not a folder, when
            // the whole build runs)
            Path root = Path.of("..", "resources");
            List<String> lines = new ArrayList<>();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    lines.addAll(List.of(Files.readString(file, StandardCharsets.UTF_8).split("\\R")));
                }
            }
            assertThat(lines).hasSizeGreaterThan(10_000);
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
