package org.signpost.bot.signin;

import java.util.Locale;

/** What a signed-in person may do on the web pages; granted by configuration, never by themselves. */
public enum Role {
    HR, FACILITATOR, AMBASSADOR, AUDITOR;

    static Role named(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown role " + name + ": use hr, facilitator, ambassador or auditor");
        }
    }

    String authority() {
        return "ROLE_" + name();
    }
}
