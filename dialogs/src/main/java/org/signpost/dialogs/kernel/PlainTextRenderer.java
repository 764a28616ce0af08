package org.signpost.dialogs.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Card}'s plain-text twin, for chats that do not render cards: the same words in the same order,
 * services as a list, links as their address, and each button that has a keyword as "- keyword: title".
 * Inputs have no twin: anything that takes answers needs cards, and says so before it gets here.
 */
public final class PlainTextRenderer {

    private PlainTextRenderer() {
    }

    public static String text(Card card) {
        List<String> lines = new ArrayList<>();
        for (Card.Element element : card.body()) {
            if (element instanceof Card.Heading heading) {
                lines.add(heading.text());
            } else if (element instanceof Card.Subheading subheading) {
                lines.add("");
                lines.add(subheading.text());
            } else if (element instanceof Card.Paragraph paragraph) {
                lines.add(paragraph.text().replace("**", ""));
            } else if (element instanceof Card.Verbatim verbatim) {
                lines.add(verbatim.text());
            } else if (element instanceof Card.Note note) {
                lines.add("");
                lines.add(note.text());
            } else if (element instanceof Card.Entry entry) {
                lines.add("- " + entry.name() + ": " + ways(entry.ways())
                        + (entry.detail() == null ? "" : ". " + entry.detail()));
            } else if (element instanceof Card.TypingHint hint) {
                lines.add(hint.text());
            } else if (element instanceof Card.Choices choices) {
                lines.add(choices.label());
            } else if (element instanceof Card.TextInput input) {
                lines.add(input.label());
            } else if (element instanceof Card.Toggle toggle) {
                lines.add("- " + toggle.title());
            }
        }
        for (Card.Action action : card.actions()) {
            if (action instanceof Card.Submit submit && submit.keyword() != null) {
                lines.add("- " + submit.keyword() + ": " + submit.title());
            } else if (action instanceof Card.OpenUrl link) {
                lines.add(link.title() + ": " + link.url());
            }
        }
        return String.join("\n", lines).strip();
    }

    private static String ways(List<Card.Way> ways) {
        List<String> shown = new ArrayList<>();
        for (Card.Way way : ways) {
            shown.add(way.url() == null ? way.text() : way.url());
        }
        return String.join(", ", shown);
    }
}
