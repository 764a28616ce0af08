package org.signpost.dialogs.announcement;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.broadcast.Broadcast;
import org.signpost.dialogs.broadcast.BroadcastState;
import org.signpost.dialogs.broadcast.DeliveryQueue;
import org.signpost.dialogs.broadcast.Progress;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Card;
import org.signpost.dialogs.kernel.CardKeys;
import org.signpost.dialogs.kernel.Role;
import org.signpost.dialogs.kernel.Turn;

/**
 * The ambassador's overview, and their one menu item: the tenant's latest announcements with their figures
 * (counts only: sent of all, delivered, failed, unknown, pending, opted out) and this year's pledges, with a
 * button to cancel one still going and one to send a new one ({@link AnnouncementFlow}). Only ambassadors see
 * it; anyone else asking is not understood.
 */
public final class Campaign implements Capability {

    public static final String ID = "campaign";
    static final String CANCEL = "cancel";
    static final int SHOWN = 5;

    private final DeliveryQueue queue;
    private final Pledge pledges;
    private final Clock clock;

    public Campaign(DeliveryQueue queue, Pledge pledges, Clock clock) {
        this.queue = queue;
        this.pledges = pledges;
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean onMenu() {
        return true;
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.AMBASSADOR);
    }

    public static Set<String> wordingKeys() {
        return Set.of("campaign.title", "campaign.none", "campaign.pledges", "campaign.item", "campaign.cancel",
                "campaign.cancelled", "campaign.alreadyOver", "campaign.unknown", "campaign.state.scheduled",
                "campaign.state.sending", "campaign.state.done", "campaign.state.cancelled", "menu.announcement",
                "menu.announcement.keyword");
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        if (turn.fromCard() && turn.submitted(CardKeys.VERB).filter(CANCEL::equals).isPresent()) {
            return cancel(turn, turn.submitted(CardKeys.INSTANCE).orElse(""));
        }
        return turn.send(overview(turn));
    }

    /** Only a broadcast of this ambassador's own tenant can be cancelled; any other id is not found. */
    private CompletableFuture<Void> cancel(Turn turn, String broadcastId) {
        Optional<Broadcast> broadcast = queue.broadcast(broadcastId)
                .filter(found -> found.tenant().equals(AnnouncementFlow.tenant(turn)));
        if (broadcast.isEmpty()) {
            return turn.sayThenMenu("campaign.unknown");
        }
        return turn.sayThenMenu(queue.cancel(broadcastId, clock.instant()) ? "campaign.cancelled" : "campaign.alreadyOver");
    }

    private Card overview(Turn turn) {
        Wording wording = turn.wording();
        String tenant = AnnouncementFlow.tenant(turn);
        Card.Builder card = Card.builder().heading(wording.text("campaign.title"));
        List<Broadcast> latest = queue.broadcastIds().stream().map(queue::broadcast).flatMap(Optional::stream)
                .filter(broadcast -> broadcast.tenant().equals(tenant)).limit(SHOWN).toList();
        if (latest.isEmpty()) {
            card.text(wording.text("campaign.none"));
        }
        for (Broadcast broadcast : latest) {
            Optional<Progress> found = queue.progress(broadcast.id());
            if (found.isEmpty()) {
                continue;
            }
            Progress progress = found.get();
            String template = wording.text(AnnouncementContent.nameKey(broadcast.message()));
            Map<String, String> values = new LinkedHashMap<>();
            values.put("template", template);
            values.put("state", wording.text("campaign.state." + progress.state().name().toLowerCase(Locale.ROOT),
                    Map.of("when", SendTime.describe(broadcast.sendAt(), wording))));
            values.put("sent", Long.toString(progress.sent()));
            values.put("recipients", Long.toString(progress.recipients()));
            values.put("delivered", Long.toString(progress.delivered()));
            values.put("failed", Long.toString(progress.failed() + progress.gone()));
            values.put("unknown", Long.toString(progress.unknown()));
            values.put("pending", Long.toString(progress.pending()));
            values.put("optedOut", Long.toString(progress.optedOut()));
            values.put("cancelled", Long.toString(progress.cancelled()));
            card.text(wording.text("campaign.item", values));
            if (progress.state() == BroadcastState.SCHEDULED || progress.state() == BroadcastState.SENDING) {
                Map<String, String> data = new LinkedHashMap<>();
                data.put(CardKeys.ACTION, ID);
                data.put(CardKeys.VERB, CANCEL);
                data.put(CardKeys.INSTANCE, broadcast.id());
                card.submitWithoutInputs(wording.text("campaign.cancel", Map.of("template", template)), data);
            }
        }
        card.note(wording.text("campaign.pledges", Map.of("count", Long.toString(pledges.thisYear()))));
        return card.choice(wording.text("menu.announcement"), Map.of(CardKeys.ACTION, AnnouncementFlow.ID),
                wording.text("menu.announcement.keyword")).build();
    }
}
