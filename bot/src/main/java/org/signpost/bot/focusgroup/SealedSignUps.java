package org.signpost.bot.focusgroup;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.signpost.bot.keys.Pseudonyms;
import org.signpost.bot.keys.Seal;
import org.signpost.dialogs.focusgroup.Address;
import org.signpost.dialogs.focusgroup.Attendee;

/**
 * How a sign-up is kept: a person is known by a keyed one-way name of their address, and their sign-up (name,
 * contact, consent, address) is sealed (AES-GCM, bound to the session and that name), so a Redis reader or the
 * holder of the data folder learns neither who signed up nor for which group, only how many.
 */
final class SealedSignUps {

    private final Pseudonyms names;
    private final Seal seal;

    SealedSignUps(Pseudonyms names, Seal seal) {
        this.names = names;
        this.seal = seal;
    }

    String person(Address address) {
        return names.of(address.channelId(), address.userId());
    }

    String seal(String sessionId, String person, Attendee attendee) {
        return Base64.getEncoder().encodeToString(seal.seal(SessionCodec.attendee(attendee), bound(sessionId, person)));
    }

    Attendee open(String sessionId, String person, String record) {
        byte[] plain = seal.open(Base64.getDecoder().decode(record), bound(sessionId, person))
                .orElseThrow(() -> new IllegalStateException("A sign-up that does not open with the app's key"));
        return SessionCodec.attendee(plain);
    }

    /** Sign-ups by person, opened, in the order they consented. */
    List<Attendee> openInOrderOfConsent(String sessionId, Map<String, String> records) {
        return records.entrySet().stream().map(entry -> open(sessionId, entry.getKey(), entry.getValue()))
                .sorted((a, b) -> a.signUp().consentedAt().compareTo(b.signUp().consentedAt())).toList();
    }

    private static byte[] bound(String sessionId, String person) {
        return ("signup/" + sessionId + "/" + person).getBytes(StandardCharsets.UTF_8);
    }
}
