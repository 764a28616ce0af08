package org.signpost.dialogs.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.schema.Attachment;
import java.util.Map;

/** A small builder for the Adaptive Cards the bot sends (schema 1.4: Teams desktop, mobile and web). */
public final class AdaptiveCard {

    public static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    /** The key of every Action.Submit payload that names what the person chose. */
    public static final String ACTION_KEY = "signpost";
    /** The id of every input where a person writes in their own words (checked for crisis language). */
    public static final String FREE_TEXT_KEY = "freeText";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ObjectNode card = JSON.objectNode();
    private final ArrayNode body;
    private final ArrayNode actions;

    public AdaptiveCard() {
        card.put("type", "AdaptiveCard");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        // 1.5 for associatedInputs (Skip and Cancel send no inputs); Teams renders 1.5
        card.put("version", "1.5");
        body = card.putArray("body");
        actions = card.putArray("actions");
    }

    public AdaptiveCard heading(String text) {
        body.add(textBlock(text).put("size", "Large").put("weight", "Bolder"));
        return this;
    }

    public AdaptiveCard subheading(String text) {
        body.add(textBlock(text).put("weight", "Bolder").put("spacing", "Medium"));
        return this;
    }

    public AdaptiveCard text(String text) {
        body.add(textBlock(text));
        return this;
    }

    public AdaptiveCard subtleText(String text) {
        body.add(textBlock(text).put("isSubtle", true).put("size", "Small"));
        return this;
    }

    /** Radio buttons, labelled for screen readers; the chosen value comes back under {@code id}. */
    public AdaptiveCard choices(String id, String label, Map<String, String> valueToTitle, boolean required,
            String errorMessage) {
        ObjectNode input = body.addObject().put("type", "Input.ChoiceSet").put("id", id).put("label", label)
                .put("style", "expanded").put("isMultiSelect", false).put("isRequired", required)
                .put("errorMessage", errorMessage);
        ArrayNode choices = input.putArray("choices");
        valueToTitle.forEach((value, title) -> choices.addObject().put("title", title).put("value", value));
        return this;
    }

    /** A multi-line box for a person's own words; they come back under {@link #FREE_TEXT_KEY}. */
    public AdaptiveCard freeText(String label, String placeholder, int maxLength) {
        body.addObject().put("type", "Input.Text").put("id", FREE_TEXT_KEY).put("label", label)
                .put("isMultiline", true).put("placeholder", placeholder).put("maxLength", maxLength);
        return this;
    }

    public AdaptiveCard submit(String title, String action) {
        return submit(title, Map.of(ACTION_KEY, action));
    }

    /** A button whose data comes back as the next message's value, never as chat text. */
    public AdaptiveCard submit(String title, Map<String, String> data) {
        ObjectNode submit = actions.addObject().put("type", "Action.Submit").put("title", title);
        ObjectNode payload = submit.putObject("data");
        data.forEach(payload::put);
        return this;
    }

    /** A button that sends its data but none of the card's inputs (Skip, Cancel). */
    public AdaptiveCard submitWithoutInputs(String title, Map<String, String> data) {
        submit(title, data);
        ((ObjectNode) actions.get(actions.size() - 1)).put("associatedInputs", "none");
        return this;
    }

    /** A button that opens a web page. */
    public AdaptiveCard openUrl(String title, String url) {
        actions.addObject().put("type", "Action.OpenUrl").put("title", title).put("url", url);
        return this;
    }

    public JsonNode json() {
        return card.deepCopy();
    }

    public Attachment attachment() {
        Attachment attachment = new Attachment();
        attachment.setContentType(CONTENT_TYPE);
        attachment.setContent(json());
        return attachment;
    }

    private ObjectNode textBlock(String text) {
        return JSON.objectNode().put("type", "TextBlock").put("text", text).put("wrap", true);
    }
}
