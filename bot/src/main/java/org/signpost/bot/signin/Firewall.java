package org.signpost.bot.signin;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with all its defaults, every request (pages and
 * {@code /api/messages}) still checked by it. Only its character rules for header names, header values and
 * parameter names are written here as a loop over code points instead of its regular expressions
 * ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, and {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*} for
 * values): the same answers ({@code FirewallTests}, every code point), but the regular expression over a
 * channel's token, about a kilobyte on every turn, was ~1% of the bot's CPU under load.
 */
final class Firewall {

    private Firewall() {
    }

    static StrictHttpFirewall strict() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(name -> assignedAndNotControl(name, false));
        firewall.setAllowedHeaderValues(value -> assignedAndNotControl(value, true));
        firewall.setAllowedParameterNames(name -> assignedAndNotControl(name, false));
        return firewall;
    }

    /** Every code point assigned in Unicode and not a control character (a tab allowed where asked). */
    static boolean assignedAndNotControl(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c < 0x20 || c >= 0x7f) {
                boolean control = Character.getType(c) == Character.CONTROL && !(tabAllowed && c == '\t');
                if (control || Character.getType(c) == Character.UNASSIGNED) {
                    return false;
                }
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
