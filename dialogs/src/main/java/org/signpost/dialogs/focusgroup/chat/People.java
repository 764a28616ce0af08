package org.signpost.dialogs.focusgroup.chat;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.signpost.dialogs.focusgroup.Address;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.kernel.Senders;
import org.signpost.dialogs.kernel.Turn;

/**
 * Who is speaking, as a focus group knows them: their address (to tell them of a place, to remind them)
 * and the name their Teams profile gives, only where the channel vouches for the sender, so that nobody
 * can sign up, withdraw or read a sign-up as someone else.
 */
final class People {

    /** An address as a profile gives it: one @, no spaces (the profile's text is never trusted further). */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@]{1,100}@[^\\s@]{1,100}");

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm", Locale.UK);
    /** When a sign-up is deleted at the latest, as the confirm step and "what do you keep" say it. */
    static final DateTimeFormatter DELETED = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK)
            .withZone(Session.LONDON);

    private People() {
    }

    /** Why this person cannot use focus groups here (a wording key), or empty. */
    static Optional<String> refusal(Turn turn) {
        Senders.Verdict sender = turn.sender();
        if (!sender.known()) {
            return Optional.of(sender.refusal() == Senders.Refusal.OTHER_TENANT ? "focusgroup.otherOrganisation"
                    : "focusgroup.teamsOnly");
        }
        if (address(turn).isEmpty()) {
            return Optional.of("focusgroup.teamsOnly");
        }
        return Optional.empty();
    }

    /** The personal chat's address, for a sender the channel vouches for. */
    static Optional<Address> address(Turn turn) {
        Turn.From from = turn.from();
        if (!turn.sender().known() || from.id() == null || from.channel() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Address(from.channel(), from.id()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The display name of their Teams profile, as the activity carries it (no directory lookup). */
    static String displayName(Turn turn) {
        String name = turn.from().name();
        String stripped = name == null ? "" : name.strip();
        boolean usable = !stripped.isEmpty() && stripped.length() <= Session.MAX_TEXT
                && stripped.chars().noneMatch(Character::isISOControl);
        return usable ? stripped : turn.wording().text("focusgroup.noName");
    }

    /**
     * The work address the person's Teams profile gives, when it looks like one; empty when there is none or
     * the lookup failed, which never stops a sign-up (they are then reached through their chat).
     */
    static Optional<String> contact(Turn turn, Contacts contacts) {
        Optional<String> found;
        try {
            found = contacts.of(turn);
        } catch (RuntimeException e) {
            found = Optional.empty();
        }
        return found.map(String::strip).filter(address -> address.length() <= Session.MAX_TEXT
                && ADDRESS.matcher(address).matches() && address.chars().noneMatch(Character::isISOControl));
    }

    static Map<String, String> session(Session session) {
        return Map.of("title", session.title(), "when", WHEN.format(session.start()), "place", session.place());
    }
}
