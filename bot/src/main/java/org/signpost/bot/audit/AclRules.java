package org.signpost.bot.audit;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an ACL user's rules (as ACL LIST prints them) allow, read in order as Redis applies them: a later
 * rule overrides an earlier one. Only what the audit needs: may the user run a command (by its name or
 * its category), and may it subscribe to a channel.
 */
final class AclRules {

    private AclRules() {
    }

    /** May run the command named, given the categories it belongs to ({@code +@all} and {@code allcommands} included). */
    static boolean mayRun(List<String> rules, String command, String... categories) {
        boolean allowed = false;
        for (String rule : rules) {
            String word = rule.toLowerCase(Locale.ROOT);
            if (word.equals("allcommands") || word.equals("+@all")) {
                allowed = true;
            } else if (word.equals("nocommands") || word.equals("-@all")) {
                allowed = false;
            } else if (word.equals("+" + command) || word.startsWith("+" + command + "|")) {
                allowed = true;
            } else if (word.equals("-" + command)) {
                allowed = false;
            } else {
                for (String category : categories) {
                    if (word.equals("+@" + category)) {
                        allowed = true;
                    } else if (word.equals("-@" + category)) {
                        allowed = false;
                    }
                }
            }
        }
        return allowed;
    }

    /** May subscribe to the channel: {@code allchannels}, {@code &*}, or a channel pattern matching it. */
    static boolean mayUseChannel(List<String> rules, String channel) {
        boolean allowed = false;
        for (String rule : rules) {
            if (rule.equals("allchannels")) {
                allowed = true;
            } else if (rule.equals("resetchannels")) {
                allowed = false;
            } else if (rule.startsWith("&") && glob(rule.substring(1)).matcher(channel).matches()) {
                allowed = true;
            }
        }
        return allowed;
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
