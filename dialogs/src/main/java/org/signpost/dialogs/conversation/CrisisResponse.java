package org.signpost.dialogs.conversation;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.signpost.dialogs.kernel.CardKeys;
import org.signpost.dialogs.kernel.SupportSignpost;
import org.signpost.dialogs.kernel.Turn;
import org.signpost.dialogs.references.ConversationReferences;
import org.signpost.dialogs.references.ProactiveMessages;
import org.signpost.dialogs.understanding.CrisisDetector;

/**
 * The safety net: words that read like a crisis bring the urgent card before anything else; in a group, the
 * card goes to the person's personal chat, and the group sees nothing different.
 */
final class CrisisResponse {

    /** The crisis category of worry about someone else (nlp/crisis-scope.yaml). */
    static final String SOMEONE_ELSE = "someone-else";
    /** The category whose urgent card is the general one. */
    static final String GENERAL = "general";
    private static final Pattern MENTION = Pattern.compile("<at>.*?</at>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final CrisisDetector detector;
    private final SupportSignpost support;
    private final ConversationReferences references;
    private final ProactiveMessages proactive;

    CrisisResponse(CrisisDetector detector, SupportSignpost support, ConversationReferences references,
            ProactiveMessages proactive) {
        this.detector = detector;
        this.support = support;
        this.references = references;
        this.proactive = proactive;
    }

    /**
     * What kind of crisis what the person wrote reads like, if any: the typed text and a card's free-text
     * input, never the ids and option codes a card sends back ("no", "other-area"). Worry about someone else
     * gives way to a crisis of the person's own.
     */
    Optional<String> category(Turn turn) {
        Activity incoming = turn.context().getActivity();
        List<String> written = new ArrayList<>();
        if (incoming.getText() != null) {
            written.add(withoutMentions(incoming.getText()));
        }
        turn.submitted(CardKeys.FREE_TEXT).ifPresent(written::add);
        List<String> found = written.stream().map(text -> detector.category(text, turn.wording().locale()))
                .flatMap(Optional::stream).toList();
        return found.stream().filter(category -> !category.equals(SOMEONE_ELSE)).findFirst()
                .or(() -> found.stream().findFirst());
    }

    /** The urgent card, which also serves as this turn's support card. */
    CompletableFuture<Void> showUrgentCard(Turn turn, String category) {
        turn.markSupportShown();
        return turn.send(support.urgentCard(turn, category));
    }

    /** The urgent card goes to the person's personal chat, where the bot can reach them. */
    CompletableFuture<Boolean> sendToPersonalChat(Turn turn) {
        Activity incoming = turn.context().getActivity();
        Optional<ConversationReference> personal = incoming.getFrom() == null ? Optional.empty()
                : references.personalChatWith(incoming.getChannelId(), incoming.getFrom().getId());
        if (personal.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        return proactive.send(personal.get(), turn.activity(support.urgentCard(turn, GENERAL)))
                .exceptionally(failed -> false);
    }

    /**
     * Text without its @mentions: in groups the bot only hears messages that mention it, and other
     * people's names are no part of what is being said.
     */
    static String withoutMentions(String text) {
        return MENTION.matcher(text).replaceAll(" ").strip();
    }
}
