package org.signpost.dialogs.conversation;

import com.microsoft.bot.builder.MessageFactory;
import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.kernel.Turn;

/**
 * Group chats and channels: the bot only hears @mentions there, and whatever was said it never answers in
 * front of the group. The group sees exactly the same pointer to the personal chat whether or not the words
 * read like a crisis; the urgent card goes to the personal chat.
 */
final class GroupChat {

    private final CrisisResponse crisis;

    GroupChat(CrisisResponse crisis) {
        this.crisis = crisis;
    }

    CompletableFuture<Void> onMessage(Turn turn) {
        CompletableFuture<Boolean> urgent = crisis.category(turn).isPresent() ? crisis.sendToPersonalChat(turn)
                : CompletableFuture.completedFuture(false);
        String pointer = turn.wording().text("group.pointer");
        return turn.context().sendActivity(MessageFactory.text(pointer)).thenCombine(urgent, (sent, delivered) -> null);
    }
}
