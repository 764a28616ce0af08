package org.signpost.dialogs.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.schema.Attachment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link Card} as an Adaptive Card, schema 1.5 (Teams desktop, mobile and web; Web Chat; the Emulator). */
public final class AdaptiveCardRenderer {

    public static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

    /** Teams' host config shows at most six actions in one action set (its {@code maxActions}). */
    static final int MAX_ACTIONS_SHOWN = 6;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Enough for every question of a few surveys in a few languages; a full set starts again. */
    static final int KEPT_CARDS = 512;
    /**
     * The cards that are the same for everyone, rendered once, with their JSON text ({@link KeptCardJson}); a kept
     * tree is only ever read (serialised).
     */
    private static final Map<Card, JsonNode> KEPT = new ConcurrentHashMap<>();

    private AdaptiveCardRenderer() {
    }

    public static Attachment attachment(Card card) {
        Attachment attachment = new Attachment();
        attachment.setContentType(CONTENT_TYPE);
        attachment.setContent(json(card));
        return attachment;
    }

    /** The card's JSON: kept from an earlier turn for a card {@link Card#sameForEveryone()}, never for another. */
    public static JsonNode json(Card card) {
        if (!card.sameForEveryone()) {
            return render(card);
        }
        JsonNode kept = KEPT.get(card);
        if (kept != null) {
            return kept;
        }
        JsonNode rendered = KeptCardJson.of(render(card));
        if (KEPT.size() >= KEPT_CARDS) {
            KEPT.clear();
        }
        KEPT.put(card, rendered);
        return rendered;
    }

    private static ObjectNode render(Card card) {
        ObjectNode json = JSON.objectNode();
        json.put("type", "AdaptiveCard");
        json.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        // 1.5 for associatedInputs (Skip and Cancel send no inputs); Teams renders 1.5
        json.put("version", "1.5");
        ArrayNode body = json.putArray("body");
        for (Card.Element element : card.body()) {
            element(body, element);
        }
        List<Card.Action> all = card.actions();
        if (all.size() <= MAX_ACTIONS_SHOWN) {
            actions(json.putArray("actions"), all);
        } else {
            // Teams drops the actions of a set after the sixth: more go in consecutive sets in the body
            for (int from = 0; from < all.size(); from += MAX_ACTIONS_SHOWN) {
                actions(body.addObject().put("type", "ActionSet").putArray("actions"),
                        all.subList(from, Math.min(all.size(), from + MAX_ACTIONS_SHOWN)));
            }
            json.putArray("actions");
        }
        return json;
    }

    private static void actions(ArrayNode actions, List<Card.Action> shown) {
        for (Card.Action action : shown) {
            if (action instanceof Card.Submit submit) {
                ObjectNode button = actions.addObject().put("type", "Action.Submit").put("title", submit.title());
                ObjectNode data = button.putObject("data");
                submit.data().forEach(data::put);
                if (!submit.withInputs()) {
                    button.put("associatedInputs", "none");
                }
            } else if (action instanceof Card.OpenUrl link) {
                actions.addObject().put("type", "Action.OpenUrl").put("title", link.title()).put("url", link.url());
            }
        }
    }

    private static void element(ArrayNode body, Card.Element element) {
        // cards have buttons: a typing hint has no place on one
        if (element instanceof Card.Heading heading) {
            body.add(textBlock(heading.text()).put("size", "Large").put("weight", "Bolder"));
        } else if (element instanceof Card.Subheading subheading) {
            body.add(textBlock(subheading.text()).put("weight", "Bolder").put("spacing", "Medium"));
        } else if (element instanceof Card.Paragraph paragraph) {
            body.add(textBlock(paragraph.text()));
        } else if (element instanceof Card.Verbatim verbatim) {
            // a TextRun is plain text in every Adaptive Card host: no markdown, so "[x](y)" and "**" stay as typed
            ObjectNode rich = body.addObject().put("type", "RichTextBlock");
            rich.putArray("inlines").addObject().put("type", "TextRun").put("text", verbatim.text());
        } else if (element instanceof Card.Note note) {
            body.add(textBlock(note.text()).put("isSubtle", true).put("size", "Small"));
        } else if (element instanceof Card.Entry entry) {
            body.add(textBlock("**" + entry.name() + "**: " + ways(entry.ways())
                    + (entry.detail() == null ? "" : "  \n" + entry.detail())));
        } else if (element instanceof Card.Choices choices) {
            ObjectNode input = body.addObject().put("type", "Input.ChoiceSet").put("id", choices.id())
                    .put("label", choices.label()).put("style", "expanded").put("isMultiSelect", false)
                    .put("isRequired", choices.required()).put("errorMessage", choices.errorMessage());
            ArrayNode options = input.putArray("choices");
            choices.valueToTitle().forEach((value, title) -> options.addObject().put("title", title).put("value", value));
        } else if (element instanceof Card.TextInput text) {
            body.addObject().put("type", "Input.Text").put("id", text.id()).put("label", text.label())
                    .put("isMultiline", true).put("placeholder", text.placeholder()).put("maxLength", text.maxLength());
        } else if (element instanceof Card.Toggle toggle) {
            body.addObject().put("type", "Input.Toggle").put("id", toggle.id()).put("title", toggle.title())
                    .put("valueOn", toggle.valueOn()).put("valueOff", "").put("wrap", true);
        }
    }

    private static String ways(List<Card.Way> ways) {
        List<String> shown = new ArrayList<>();
        for (Card.Way way : ways) {
            shown.add(way.url() == null ? way.text() : "[" + way.text() + "](" + way.url() + ")");
        }
        return String.join(" · ", shown);
    }

    private static ObjectNode textBlock(String text) {
        return JSON.objectNode().put("type", "TextBlock").put("text", text).put("wrap", true);
    }
}
