package org.signpost.dialogs.conversation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.flow.FlowEngine;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.CardKeys;
import org.signpost.dialogs.kernel.SupportSignpost;
import org.signpost.dialogs.kernel.Turn;
import org.signpost.dialogs.understanding.Intent;
import org.signpost.dialogs.understanding.IntentRecognizer;

/**
 * A personal message, in order: the urgent card when the words read like a crisis, else the support card
 * when the message starts the conversation; then what was asked for. A card's button names its capability
 * (or flow); typed text goes to the flow in progress where its step takes typed text, else to the menu item
 * whose keyword it is, else to the intent it reads as. A capability the person may not use is treated as not
 * understood, so it is not revealed; unless it names a stand-in ({@link Capability#standIns}) and the words read,
 * among what the person may use, as that stand-in confidently. All of this comes after the crisis check.
 */
final class TurnRouter {

    /** Longer than any keyword: a sentence is left to the model without comparing it to each. */
    private static final int LONGEST_KEYWORD = 40;
    private static final Pattern APOSTROPHES = Pattern.compile("['\u2019\u2018]");
    private static final Pattern NOT_WORDS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final Map<String, Capability> capabilities;
    private final SupportSignpost support;
    private final FlowEngine flows;
    private final IntentRecognizer recognizer;
    private final CrisisResponse crisis;
    private final FirstContact firstContact;
    /** The menu items' keywords, {@link #normalised}, per wording (a handful of locales) and item. */
    private final Map<Wording, Map<String, String>> keywords = new ConcurrentHashMap<>();

    TurnRouter(List<Capability> capabilities, SupportSignpost support, FlowEngine flows, IntentRecognizer recognizer,
            CrisisResponse crisis, FirstContact firstContact) {
        this.capabilities = capabilities.stream().collect(Collectors.toMap(Capability::id, Function.identity(),
                (a, b) -> {
                    throw new IllegalStateException("Two capabilities with the id " + a.id());
                }, LinkedHashMap::new));
        this.support = support;
        this.flows = flows;
        this.recognizer = recognizer;
        this.crisis = crisis;
        this.firstContact = firstContact;
    }

    Set<String> capabilityIds() {
        return capabilities.keySet();
    }

    CompletableFuture<Void> onMessage(Turn turn) {
        // first contact, and what the flows have open (the menu's and any flow card's question), in one go
        boolean starting = flows.withOpenInstances(turn, firstContact.starting(turn.context().getActivity()));
        Optional<String> crisisCategory = crisis.category(turn);
        // typed words in crisis are never routed as a request (they could read as "cancel"); a card's
        // submitted answer still is, so a flow carries on where it was
        Optional<Capability> chosen = crisisCategory.isPresent() && !turn.fromCard() ? Optional.empty() : chosen(turn);
        if (crisisCategory.isEmpty() && chosen.isEmpty()) {
            // a first message we cannot place is answered by the support card and the menu alone
            if (starting) {
                return turn.reply().show(support.card(turn)).menu().send();
            }
            // mid-flow, typed words (an answer typed, not clicked) are pointed back to the card, not left at the menu
            return flows.pointBackToTheCard(turn).orElseGet(() -> turn.sayThenMenu("notUnderstood"));
        }
        // the urgent card, or the support card, is a message of its own: the reply's words would show above it
        CompletableFuture<Void> first = crisisCategory.isPresent() ? crisis.showUrgentCard(turn, crisisCategory.get())
                : turn.reply().show(starting ? support.card(turn) : List.of()).send();
        return first.thenCompose(shown -> chosen.isPresent() ? chosen.get().handle(turn)
                : CompletableFuture.completedFuture(null));
    }

    private Optional<Capability> chosen(Turn turn) {
        // a button's action comes from the card's submit data, never from chat text
        if (turn.fromCard()) {
            return turn.submitted(CardKeys.ACTION).map(capabilities::get).filter(c -> c.availableTo(turn));
        }
        Optional<Capability> typedAnswer = flows.takingTypedText(turn);
        if (typedAnswer.isPresent()) {
            return typedAnswer;
        }
        Optional<Capability> keyword = menuKeyword(turn);
        if (keyword.isPresent()) {
            return keyword;
        }
        String text = turn.context().getActivity().getText();
        Locale locale = turn.wording().locale();
        Optional<Capability> read = recognizer.recognize(text, locale).map(Intent::id).map(capabilities::get);
        if (read.isEmpty() || read.get().availableTo(turn)) {
            return read;
        }
        return standIn(turn, read.get(), text, locale);
    }

    /**
     * For words that read first as something this person may not use: what they read as among what the person may
     * use, if that is one of its stand-ins. The model is asked again (with what is set aside): only on this path.
     */
    private Optional<Capability> standIn(Turn turn, Capability notTheirs, String text, Locale locale) {
        Set<String> standIns = notTheirs.standIns();
        if (standIns.isEmpty()) {
            return Optional.empty();
        }
        return recognizer.recognize(text, locale, id -> usable(id, turn)).map(Intent::id).filter(standIns::contains)
                .map(capabilities::get);
    }

    private boolean usable(String id, Turn turn) {
        Capability capability = capabilities.get(id);
        return capability != null && capability.availableTo(turn);
    }

    /**
     * A menu item's keyword, typed as the menu's plain-text twin says: that item, whatever the model would make
     * of one word (it read "announcements" as "start announcements", which changes an opt-out).
     */
    private Optional<Capability> menuKeyword(Turn turn) {
        String typed = normalised(turn.context().getActivity().getText());
        if (typed.isEmpty() || typed.length() > LONGEST_KEYWORD) {
            return Optional.empty();
        }
        for (Capability capability : capabilities.values()) {
            if (capability.availableTo(turn) && capability.takesKeyword(turn)
                    && typed.equals(keyword(turn.wording(), capability.id()))) {
                return Optional.of(capability);
            }
        }
        return Optional.empty();
    }

    /**
     * A menu item's keyword in this wording, {@link #normalised}: worked out once per wording and item, not with two
     * regular expressions for each item on every short message. A wording whose key is missing throws, as before,
     * and nothing is kept for it.
     */
    private String keyword(Wording wording, String capability) {
        return keywords.computeIfAbsent(wording, w -> new ConcurrentHashMap<>())
                .computeIfAbsent(capability, id -> normalised(wording.text("menu." + id + ".keyword")));
    }

    /** Lower case, apostrophes dropped, everything but letters and digits folded to single spaces. */
    private static String normalised(String text) {
        if (text == null) {
            return "";
        }
        String lower = APOSTROPHES.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
        return NOT_WORDS.matcher(lower).replaceAll(" ").strip();
    }
}
