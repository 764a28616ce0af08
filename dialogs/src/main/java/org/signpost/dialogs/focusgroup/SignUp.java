package org.signpost.dialogs.focusgroup;

import java.time.Instant;

/**
 * What a sign-up holds, and nothing else: the session, the name and contact the person was shown before
 * saving (from their Teams profile), and which consent form they agreed to, when.
 */
public record SignUp(String sessionId, String displayName, String contact, String consentVersion,
        Instant consentedAt) {

    public SignUp {
        if (!Session.wellFormedId(sessionId)) {
            throw new IllegalArgumentException("Not a session id");
        }
        displayName = bounded(displayName, "display name");
        contact = bounded(contact, "contact");
        consentVersion = bounded(consentVersion, "consent version");
        if (consentVersion.isEmpty() || consentedAt == null) {
            throw new IllegalArgumentException("A sign-up needs the consent given");
        }
    }

    private static String bounded(String value, String what) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.length() > Session.MAX_TEXT || stripped.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("A sign-up's " + what + " is too long or has a control character");
        }
        return stripped;
    }
}
