package org.signpost.bot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

/** The pieces of the logging configuration, one at a time (the canary test runs them together). */
class LogSafetyTests {

    private final LoggerContext context = new LoggerContext();

    @Test
    void lineBreaksAndControlCharactersAreEscaped() {
        assertThat(LogText.escape("kid\r\nERROR forged\u0085\u2028\u001b[31m\tend"))
                .isEqualTo("kid\\r\\nERROR forged\\u0085\\u2028\\u001b[31m\tend")
                .doesNotContain("\n", "\r");
        assertThat(LogText.escape("plain text stays as it is")).isEqualTo("plain text stays as it is");
    }

    @Test
    void exceptionsShowTheirMessagesOnlyWhenSignpostThrewThem() {
        IllegalArgumentException library = new IllegalArgumentException("Unexpected character in \"canary text\"");
        library.setStackTrace(new StackTraceElement[] {new StackTraceElement("com.fasterxml.Parser", "parse", null, 1)});
        IllegalStateException own = new IllegalStateException("support/directory.yaml: line 3\nis broken", library);
        own.setStackTrace(new StackTraceElement[] {new StackTraceElement("org.signpost.dialogs.Thing", "load", null, 2)});

        String printed = new SafeThrowableConverter().convert(event(own));

        assertThat(printed).contains("java.lang.IllegalStateException: support/directory.yaml: line 3\\nis broken",
                "\tat org.signpost.dialogs.Thing.load", "Caused by: java.lang.IllegalArgumentException: "
                        + SafeThrowableConverter.WITHHELD, "\tat com.fasterxml.Parser.parse")
                .doesNotContain("canary");
    }

    @Test
    void librariesLogNothingBelowInfoAndTheCappedOnesOnlyErrors() {
        LibraryLogCap cap = new LibraryLogCap();
        cap.setDetailAllowed("org.signpost, org.springframework.beans");
        cap.setErrorsOnly("com.microsoft.bot.connector.authentication");

        assertThat(cap.decide(null, logger("org.apache.coyote.http11.Http11InputBuffer"), Level.DEBUG, null, null, null))
                .isEqualTo(FilterReply.DENY);
        assertThat(cap.decide(null, logger("org.apache.coyote.http11.Http11InputBuffer"), Level.INFO, null, null, null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(cap.decide(null, logger("org.signpost.bot.survey.Store"), Level.TRACE, null, null, null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(cap.decide(null, logger("org.springframework.beans"), Level.TRACE, null, null, null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(cap.decide(null, logger("org.signpostery.Other"), Level.TRACE, null, null, null))
                .isEqualTo(FilterReply.DENY);
        assertThat(cap.decide(null, logger("com.microsoft.bot.connector.authentication.CachingOpenIdMetadata"),
                Level.WARN, null, null, null)).isEqualTo(FilterReply.DENY);
        assertThat(cap.decide(null, logger("com.microsoft.bot.connector.authentication.CachingOpenIdMetadata"),
                Level.ERROR, null, null, null)).isEqualTo(FilterReply.NEUTRAL);
    }

    private Logger logger(String name) {
        return context.getLogger(name);
    }

    private LoggingEvent event(Throwable thrown) {
        return new LoggingEvent(getClass().getName(), logger("org.signpost.Test"), Level.ERROR, "failed", thrown, null);
    }
}
