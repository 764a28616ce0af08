package org.signpost.dialogs.broadcast;

import java.util.concurrent.CompletionStage;

/** Port: sends one broadcast message to one conversation, once (no retries of its own: the engine decides). */
public interface Courier {

    CompletionStage<SendResult> send(Broadcast broadcast, Delivery delivery);
}
