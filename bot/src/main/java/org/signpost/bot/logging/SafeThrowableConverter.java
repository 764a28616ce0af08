package org.signpost.bot.logging;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Every exception word of a pattern ({@code %ex}, {@code %wEx}, ...): each cause's type and stack frames,
 * and its message only when Signpost's own code threw it. Parsers, drivers and servers quote what they
 * were given in their messages (a request's bytes, a person's text), so theirs are withheld; Signpost's
 * messages are written never to carry anything a person sent, and name what went wrong (a content file,
 * a setting) for the operator.
 */
public final class SafeThrowableConverter extends ThrowableHandlingConverter {

    static final String OWN_CODE = "org.signpost.";
    static final String WITHHELD = "[message withheld]";
    private static final int MAX_CAUSES = 16;

    @Override
    public String convert(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown == null) {
            return "";
        }
        return System.lineSeparator() + render(thrown);
    }

    /** The causes of a throwable, one per block, as described above. */
    static String render(IThrowableProxy thrown) {
        StringBuilder out = new StringBuilder(2048);
        append(out, "", thrown, new IdentityHashMap<>());
        return out.toString();
    }

    private static void append(StringBuilder out, String prefix, IThrowableProxy thrown, Map<IThrowableProxy, Boolean> seen) {
        if (thrown == null || seen.size() >= MAX_CAUSES || seen.put(thrown, Boolean.TRUE) != null) {
            return;
        }
        out.append(prefix).append(thrown.getClassName()).append(": ").append(message(thrown))
                .append(System.lineSeparator());
        StackTraceElementProxy[] frames = thrown.getStackTraceElementProxyArray();
        int shown = frames.length - Math.max(0, thrown.getCommonFrames());
        for (int i = 0; i < shown; i++) {
            out.append('\t').append(frames[i].getSTEAsString()).append(System.lineSeparator());
        }
        if (shown < frames.length) {
            out.append("\t... ").append(frames.length - shown).append(" common frames omitted")
                    .append(System.lineSeparator());
        }
        for (IThrowableProxy suppressed : thrown.getSuppressed()) {
            append(out, "Suppressed: ", suppressed, seen);
        }
        append(out, "Caused by: ", thrown.getCause(), seen);
    }

    private static String message(IThrowableProxy thrown) {
        StackTraceElementProxy[] frames = thrown.getStackTraceElementProxyArray();
        boolean ownCode = frames.length > 0
                && frames[0].getStackTraceElement().getClassName().startsWith(OWN_CODE);
        if (!ownCode) {
            return WITHHELD;
        }
        return thrown.getMessage() == null ? "" : LogText.escape(thrown.getMessage());
    }
}
