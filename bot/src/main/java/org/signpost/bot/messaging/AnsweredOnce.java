package org.signpost.bot.messaging;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;

/**
 * One request's answer, written once: by the request's thread once its turn has ended, or by the watchdog at
 * the deadline. The lock makes the request's thread wait for the watchdog's answer to be written before it
 * leaves (Tomcat then ends the response), and makes what the watchdog wrote visible to it.
 */
final class AnsweredOnce implements TurnWatchdog.Watched {

    /** The endpoint's log, as before this was a class of its own. */
    private static final Logger log = LoggerFactory.getLogger(MessagesEndpoint.class);

    private final HttpServletResponse response;
    private final long deadline;
    private final TurnWatchdog watchdog;
    private boolean answered;

    AnsweredOnce(HttpServletResponse response, long deadline, TurnWatchdog watchdog) {
        this.response = response;
        this.deadline = deadline;
        this.watchdog = watchdog;
    }

    /** On the request's thread. */
    void answer(EndpointAnswer answer) {
        answerOnce(answer, false);
    }

    /** On the request's thread, as it leaves: once the watchdog's answer (if any) is written, none after. */
    void end() {
        watchdog.forget(this);
        synchronized (this) {
            answered = true;
        }
    }

    @Override
    public long deadline() {
        return deadline;
    }

    @Override
    public void overdue() {
        if (answerOnce(EndpointAnswer.TOO_LONG, true)) {
            log.warn("A turn did not end within the request timeout");
        }
    }

    private synchronized boolean answerOnce(EndpointAnswer answer, boolean overdue) {
        if (answered) {
            return false;
        }
        answered = true;
        try {
            if (overdue) {
                // the request's thread is still in the turn, and the request ends only once it leaves: the
                // answer is sent now, and the connection closed after it
                response.setHeader(HttpHeaders.CONNECTION, "close");
            }
            answer.writeTo(response);
            if (overdue) {
                response.flushBuffer();
            }
        } catch (IOException | RuntimeException e) {
            // the caller has gone: nothing to answer
            log.debug("Could not write an answer: {}", e.getClass().getSimpleName());
        }
        return true;
    }
}
