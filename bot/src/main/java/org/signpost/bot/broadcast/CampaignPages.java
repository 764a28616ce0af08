package org.signpost.bot.broadcast;

import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.signpost.bot.redis.AuditLog;
import org.signpost.dialogs.announcement.AnnouncementContent;
import org.signpost.dialogs.announcement.Pledge;
import org.signpost.dialogs.announcement.SendTime;
import org.signpost.dialogs.broadcast.Broadcast;
import org.signpost.dialogs.broadcast.BroadcastState;
import org.signpost.dialogs.broadcast.Progress;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * Ambassadors' page, {@code /campaigns}: every announcement with its figures (counts only) and this year's
 * pledges, and a button to cancel one still going. Cancelling is written to the audit log.
 */
@Controller
final class CampaignPages {

    private final RedisDeliveryQueue queue;
    private final RedisPledges pledges;
    private final AuditLog audit;
    private final Messages messages;
    private final Clock clock;

    CampaignPages(RedisDeliveryQueue queue, RedisPledges pledges, AuditLog audit, Messages messages, Clock clock) {
        this.queue = queue;
        this.pledges = pledges;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/campaigns")
    String campaigns(Model model) {
        Wording wording = messages.wording("en-GB");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String id : queue.broadcastIds()) {
            Optional<Broadcast> broadcast = queue.broadcast(id);
            Optional<Progress> found = queue.progress(id);
            if (broadcast.isEmpty() || found.isEmpty()) {
                continue;
            }
            Progress progress = found.get();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("template", wording.text(AnnouncementContent.nameKey(broadcast.get().message())));
            row.put("when", SendTime.describe(broadcast.get().sendAt(), wording));
            row.put("state", wording.text("campaign.state." + progress.state().name().toLowerCase(Locale.ROOT),
                    Map.of("when", SendTime.describe(broadcast.get().sendAt(), wording))));
            row.put("sent", progress.sent() + " / " + progress.recipients());
            row.put("delivered", progress.delivered());
            row.put("failed", progress.failed() + progress.gone());
            row.put("unknown", progress.unknown());
            row.put("pending", progress.pending());
            row.put("optedOut", progress.optedOut());
            row.put("cancelled", progress.cancelled());
            row.put("cancellable", progress.state() == BroadcastState.SCHEDULED || progress.state() == BroadcastState.SENDING);
            rows.add(row);
        }
        model.addAttribute("w", wording);
        model.addAttribute("campaigns", rows);
        model.addAttribute("pledges", wording.text("campaign.pledges",
                Map.of("count", Long.toString(pledges.count(Pledge.campaign(clock))))));
        return "campaigns/list";
    }

    @PostMapping("/campaigns/{id}/cancel")
    String cancel(@PathVariable("id") String id, Principal user) {
        if (queue.broadcast(id).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        boolean cancelled = queue.cancel(id, clock.instant());
        if (cancelled) {
            audit.record(user.getName(), "cancelled", "announcement " + id);
        }
        return "redirect:/campaigns?" + (cancelled ? "cancelled" : "alreadyOver");
    }
}
