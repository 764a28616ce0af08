package org.signpost.dialogs.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ChannelAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is speaking, as far as the channel vouches for it. With an app id every request carries a token
 * the Bot Framework signed, but only Teams fills in who the sender is (an Entra ID object id, in a
 * tenant); a Web Chat or Direct Line client chooses its own {@code from}. So a sender is known only from
 * Teams, with an object id, from an allowed tenant. In a local trial nothing is vouched for (there are no
 * tokens at all): the sender is whoever the client says, and marked so.
 */
public final class Senders {

    static final String TEAMS = "msteams";

    /** Why a sender is not known. */
    public enum Refusal { NOT_TEAMS, OTHER_TENANT }

    /**
     * @param channel the channel id
     * @param id      the Entra ID object id (vouched), or in a trial whatever id the client sent
     * @param vouched false in a local trial
     */
    public record Sender(String channel, String id, boolean vouched) {
    }

    /** A known sender, or why not. */
    public record Verdict(Optional<Sender> sender, Refusal refusal) {
        public boolean known() {
            return sender.isPresent();
        }
    }

    private final boolean trial;
    private final Set<String> allowedTenants;

    private Senders(boolean trial, Set<String> allowedTenants) {
        this.trial = trial;
        this.allowedTenants = allowedTenants.stream().map(Senders::normalised).collect(Collectors.toSet());
    }

    /** Production: Teams senders with an Entra ID object id, from one of these tenants. */
    public static Senders vouchedBy(Set<String> allowedTenants) {
        if (allowedTenants.isEmpty() || allowedTenants.stream().anyMatch(tenant -> tenant == null || tenant.isBlank())) {
            throw new IllegalArgumentException("At least one allowed tenant, none blank");
        }
        return new Senders(false, allowedTenants);
    }

    /** A local trial: nothing is vouched for. */
    public static Senders trial() {
        return new Senders(true, Set.of());
    }

    public boolean isTrial() {
        return trial;
    }

    public Verdict of(Activity activity) {
        ChannelAccount from = activity.getFrom();
        String channel = Optional.ofNullable(activity.getChannelId()).orElse("");
        String objectId = from == null ? "" : Optional.ofNullable(from.getAadObjectId()).map(String::strip).orElse("");
        if (trial) {
            String id = !objectId.isEmpty() ? objectId : from == null ? "" : Optional.ofNullable(from.getId()).orElse("");
            return id.isBlank() ? refused(Refusal.NOT_TEAMS) : known(new Sender(channel, id, false));
        }
        if (!channel.equals(TEAMS) || objectId.isEmpty()) {
            return refused(Refusal.NOT_TEAMS);
        }
        List<String> tenants = tenants(activity);
        if (tenants.isEmpty() || !allowedTenants.containsAll(tenants)) {
            return refused(Refusal.OTHER_TENANT);
        }
        return known(new Sender(channel, objectId, true));
    }

    /** Every tenant the activity names (Teams sends it twice); all of them must be allowed. */
    private static List<String> tenants(Activity activity) {
        List<String> tenants = new ArrayList<>();
        if (activity.getConversation() != null && activity.getConversation().getTenantId() != null) {
            tenants.add(normalised(activity.getConversation().getTenantId()));
        }
        Object channelData = activity.getChannelData();
        if (channelData instanceof JsonNode node && node.path("tenant").path("id").isTextual()) {
            tenants.add(normalised(node.path("tenant").path("id").asText()));
        } else if (channelData instanceof Map<?, ?> map && map.get("tenant") instanceof Map<?, ?> tenant
                && tenant.get("id") instanceof String id) {
            tenants.add(normalised(id));
        }
        return tenants;
    }

    private static String normalised(String id) {
        return id.strip().toLowerCase(Locale.ROOT);
    }

    private static Verdict known(Sender sender) {
        return new Verdict(Optional.of(sender), null);
    }

    private static Verdict refused(Refusal refusal) {
        return new Verdict(Optional.empty(), refusal);
    }
}
