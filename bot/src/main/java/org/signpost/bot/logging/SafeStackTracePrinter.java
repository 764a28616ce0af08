package org.signpost.bot.logging;

import ch.qos.logback.classic.spi.ThrowableProxy;
import java.io.IOException;
import org.springframework.boot.logging.StackTracePrinter;

/**
 * Stack traces in JSON logs ({@code logging.structured.format.console}), by the same rule as the plain
 * ones: types and frames, messages only when Signpost threw them (see {@link SafeThrowableConverter}).
 */
public final class SafeStackTracePrinter implements StackTracePrinter {

    @Override
    public void printStackTrace(Throwable throwable, Appendable out) throws IOException {
        out.append(SafeThrowableConverter.render(new ThrowableProxy(throwable)));
    }
}
