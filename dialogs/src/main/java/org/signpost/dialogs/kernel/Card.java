package org.signpost.dialogs.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the bot shows, once: rendered as an Adaptive Card where cards render ({@link AdaptiveCardRenderer})
 * and as its plain-text twin elsewhere ({@link PlainTextRenderer}), so no feature writes both by hand. Texts
 * are already worded (the caller looked them up); a card never holds a person's answers. A card
 * {@code sameForEveryone} says nothing of the person it is shown to (a survey's question: its wording, options,
 * progress and buttons; a menu, which is only the wording of what it offers; the learning directory), so that its
 * Adaptive Card is rendered once and kept, keyed by its content alone; any other card is rendered each time.
 */
public record Card(List<Element> body, List<Action> actions, boolean sameForEveryone) {

    public Card {
        body = List.copyOf(body);
        actions = List.copyOf(actions);
    }

    public Card(List<Element> body, List<Action> actions) {
        this(body, actions, false);
    }

    /** One part of a card's body. */
    public sealed interface Element permits Heading, Subheading, Paragraph, Verbatim, Note, Entry, TypingHint,
            Choices, TextInput, Toggle {
    }

    public record Heading(String text) implements Element {
    }

    public record Subheading(String text) implements Element {
    }

    public record Paragraph(String text) implements Element {
    }

    /**
     * Someone's own words, shown exactly as written: never read as markdown or markup (an ambassador's text
     * in an announcement), unlike a {@link Paragraph} of the product's own wording.
     */
    public record Verbatim(String text) implements Element {
    }

    /** Small print. */
    public record Note(String text) implements Element {
    }

    /** A named item with ways to reach it and a description (a support service). */
    public record Entry(String name, List<Way> ways, String detail) implements Element {
        public Entry {
            ways = List.copyOf(ways);
        }
    }

    /** A way to reach something: words, or a link (a label on a card, the address in plain text). */
    public record Way(String text, String url) {
        public static Way text(String text) {
            return new Way(text, null);
        }

        public static Way link(String label, String url) {
            return new Way(label, url);
        }
    }

    /** Shown only in plain text: how to type what the buttons would do. */
    public record TypingHint(String text) implements Element {
    }

    /** Radio buttons; the chosen value comes back under {@code id}. */
    public record Choices(String id, String label, Map<String, String> valueToTitle, boolean required,
            String errorMessage) implements Element {
        public Choices {
            valueToTitle = Collections.unmodifiableMap(new LinkedHashMap<>(valueToTitle));
        }
    }

    /** A multi-line box for a person's own words. */
    public record TextInput(String id, String label, String placeholder, int maxLength) implements Element {
    }

    /** A toggle a person switches on to agree; {@code valueOn} comes back under {@code id} when it is on. */
    public record Toggle(String id, String title, String valueOn) implements Element {
    }

    /** What a button does. */
    public sealed interface Action permits Submit, OpenUrl {
    }

    /**
     * A button whose data comes back as the next message's value, never as chat text. Without inputs, it
     * sends none of the card's inputs (Skip, Cancel). {@code keyword} is what to type instead, in plain text.
     */
    public record Submit(String title, Map<String, String> data, boolean withInputs, String keyword) implements Action {
        public Submit {
            data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        }
    }

    public record OpenUrl(String title, String url) implements Action {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a card in reading order. */
    public static final class Builder {
        private final List<Element> body = new ArrayList<>();
        private final List<Action> actions = new ArrayList<>();
        private boolean sameForEveryone;

        private Builder() {
        }

        /** Only for a card with nothing of the person in it, nor of anything they did: see {@link Card}. */
        public Builder sameForEveryone() {
            sameForEveryone = true;
            return this;
        }

        public Builder heading(String text) {
            return add(new Heading(text));
        }

        public Builder subheading(String text) {
            return add(new Subheading(text));
        }

        public Builder text(String text) {
            return add(new Paragraph(text));
        }

        public Builder verbatim(String text) {
            return add(new Verbatim(text));
        }

        public Builder note(String text) {
            return add(new Note(text));
        }

        public Builder add(Element element) {
            body.add(element);
            return this;
        }

        public Builder submit(String title, Map<String, String> data) {
            actions.add(new Submit(title, data, true, null));
            return this;
        }

        public Builder submitWithoutInputs(String title, Map<String, String> data) {
            actions.add(new Submit(title, data, false, null));
            return this;
        }

        /** A menu button, also offered as a keyword to type where cards do not render. */
        public Builder choice(String title, Map<String, String> data, String keyword) {
            actions.add(new Submit(title, data, true, keyword));
            return this;
        }

        public Builder openUrl(String title, String url) {
            actions.add(new OpenUrl(title, url));
            return this;
        }

        public Card build() {
            return new Card(body, actions, sameForEveryone);
        }
    }
}
