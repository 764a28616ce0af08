package org.signpost.bot.logging;

/**
 * Text made safe for one log line: line breaks and other control characters are written as escapes, so
 * nothing written into a message (by a caller, a library, or someone who chose a token's header) can
 * start a line of its own or drive a terminal.
 */
final class LogText {

    private LogText() {
    }

    static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = escaped(c);
            if (escaped != null && safe == null) {
                safe = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (safe != null) {
                if (escaped != null) {
                    safe.append(escaped);
                } else {
                    safe.append(c);
                }
            }
        }
        return safe == null ? text : safe.toString();
    }

    private static String escaped(char c) {
        if (c == '\n') {
            return "\\n";
        }
        if (c == '\r') {
            return "\\r";
        }
        boolean control = (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
        return control ? String.format("\\u%04x", (int) c) : null;
    }
}
