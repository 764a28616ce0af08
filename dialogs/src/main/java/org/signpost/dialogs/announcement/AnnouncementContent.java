package org.signpost.dialogs.announcement;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.signpost.dialogs.content.ContentException;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.kernel.Card;
import org.signpost.dialogs.kernel.CardKeys;

/**
 * What ambassadors can announce and what staff can ask for, from {@code announcements/templates.yaml}:
 * each template is a card (heading, body, a button per action), rendered the same for the ambassador's
 * preview and for every recipient; and the conversation starters. A file that cannot be used stops start-up.
 */
public final class AnnouncementContent {

    static final String FILE = "announcements/templates.yaml";
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** What a template's buttons can start: capabilities every employee has (the last two are flows). */
    public static final Set<String> ACTIONS = Set.of(Pledge.ID, ConversationStarter.ID, Learning.ID, "survey",
            "focusgroup");

    /** @param ownWords whether the ambassador writes part of it (shown after its body, exactly as written) */
    record Template(String id, List<String> actions, boolean ownWords) {
    }

    record Document(List<Template> templates, List<String> starters) {
    }

    private final Map<String, Template> templates = new LinkedHashMap<>();
    private final List<String> starters;
    private final Predicate<String> offered;

    private AnnouncementContent(AnnouncementContent content, Predicate<String> offered) {
        this.templates.putAll(content.templates);
        this.starters = content.starters;
        this.offered = offered;
    }

    private AnnouncementContent(String origin, Document document) {
        List<Template> listed = document == null || document.templates() == null ? List.of() : document.templates();
        for (Template template : listed) {
            if (template.id() == null || !ID.matcher(template.id()).matches()) {
                throw new ContentException(origin + ": every template needs an id (lower-case letters, digits, hyphens)");
            }
            List<String> actions = template.actions() == null ? List.of() : template.actions();
            for (String action : actions) {
                if (!ACTIONS.contains(action)) {
                    throw new ContentException(origin + ": template " + template.id() + " has the action " + action
                            + ", which is not one of " + new TreeSet<>(ACTIONS));
                }
            }
            if (templates.put(template.id(), new Template(template.id(), List.copyOf(actions), template.ownWords())) != null) {
                throw new ContentException(origin + ": the template " + template.id() + " is listed twice");
            }
        }
        this.starters = document == null || document.starters() == null ? List.of() : List.copyOf(document.starters());
        this.offered = action -> true;
        if (templates.isEmpty() || starters.isEmpty()) {
            throw new ContentException(origin + ": needs at least one template and one conversation starter");
        }
        for (String starter : starters) {
            if (starter == null || !ID.matcher(starter).matches()) {
                throw new ContentException(origin + ": a starter is an id (lower-case letters, digits, hyphens)");
            }
        }
    }

    public static AnnouncementContent load(ContentFolder content) {
        ContentFolder.Version file = content.file(FILE).orElseThrow(() -> new ContentException("Missing " + FILE));
        ObjectMapper mapper = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        try {
            return new AnnouncementContent(file.origin(), mapper.readValue(file.bytes(), Document.class));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ContentException(file + (at == null ? "" : " (line " + at.getLineNr() + ")") + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ContentException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The same content, whose cards show an action's button only while it can be started (the survey while
     * a round is open, focus groups while a session takes sign-ups): nobody is offered what does not work.
     */
    public AnnouncementContent offering(Predicate<String> offered) {
        return new AnnouncementContent(this, offered);
    }

    public boolean hasTemplate(String id) {
        return templates.containsKey(id);
    }

    public Set<String> templateIds() {
        return templates.keySet();
    }

    /** Whether the ambassador writes part of this template (the actions taken, in "you said, we did"). */
    public boolean takesOwnWords(String templateId) {
        Template template = templates.get(templateId);
        return template != null && template.ownWords();
    }

    /**
     * The card staff receive, exactly as the ambassador's preview shows it (its buttons as they are when it
     * is shown, or sent); empty for an unknown template, or one that takes the ambassador's own words
     * without them. The own words follow the body as plain text, never read as markdown.
     */
    public Optional<Card> card(String templateId, String ownWords, Wording wording) {
        Template template = templates.get(templateId);
        if (template == null || template.ownWords() && (ownWords == null || ownWords.isBlank())) {
            return Optional.empty();
        }
        Card.Builder card = Card.builder().heading(wording.text(headingKey(templateId)))
                .text(wording.text(bodyKey(templateId)));
        if (template.ownWords()) {
            card.verbatim(ownWords);
        }
        for (String action : template.actions().stream().filter(offered).toList()) {
            card.choice(wording.text("announcement.action." + action), Map.of(CardKeys.ACTION, action),
                    wording.text("announcement.action." + action + ".keyword"));
        }
        return Optional.of(card.build());
    }

    /** The name an ambassador knows a template by. */
    public static String nameKey(String templateId) {
        return "announcement.template." + templateId + ".name";
    }

    private static String headingKey(String templateId) {
        return "announcement.template." + templateId + ".heading";
    }

    private static String bodyKey(String templateId) {
        return "announcement.template." + templateId + ".body";
    }

    List<String> starters() {
        return starters;
    }

    static String starterKey(String starter) {
        return "announcement.starter." + starter;
    }

    /** Every wording key the templates and starters need. */
    public Set<String> wordingKeys() {
        Set<String> keys = new TreeSet<>();
        for (Template template : templates.values()) {
            keys.addAll(List.of(nameKey(template.id()), headingKey(template.id()), bodyKey(template.id())));
            for (String action : template.actions()) {
                keys.add("announcement.action." + action);
                keys.add("announcement.action." + action + ".keyword");
            }
        }
        starters.forEach(starter -> keys.add(starterKey(starter)));
        return keys;
    }
}
