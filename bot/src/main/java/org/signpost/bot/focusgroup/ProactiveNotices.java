package org.signpost.bot.focusgroup;

import com.microsoft.bot.builder.MessageFactory;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.focusgroup.Attendee;
import org.signpost.dialogs.focusgroup.Notices;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.references.ConversationReferences;
import org.signpost.dialogs.references.ProactiveMessages;

/**
 * Reminders and news of a place, sent into the person's personal chat with the bot (the reference kept
 * since they installed it), through the same outbound client as every other message.
 */
final class ProactiveNotices implements Notices {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm", Locale.UK);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ConversationReferences references;
    private final ProactiveMessages proactive;
    private final Messages messages;

    ProactiveNotices(ConversationReferences references, ProactiveMessages proactive, Messages messages) {
        this.references = references;
        this.proactive = proactive;
        this.messages = messages;
    }

    @Override
    public boolean tell(Attendee attendee, Session session, Kind kind) {
        return references.personalChatWith(attendee.address().channelId(), attendee.address().userId())
                .map(reference -> {
                    Wording wording = messages.wording("en-GB");
                    String text = wording.text(kind == Kind.REMINDER ? "focusgroup.reminder" : "focusgroup.promoted",
                            values(session)) + "\n\n" + wording.text("focusgroup.supportLine");
                    try {
                        return proactive.send(reference, MessageFactory.text(text))
                                .orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
                    } catch (CompletionException e) {
                        return false;
                    }
                }).orElse(false);
    }

    static Map<String, String> values(Session session) {
        return Map.of("title", session.title(), "when", WHEN.format(session.start()), "place", session.place());
    }
}
