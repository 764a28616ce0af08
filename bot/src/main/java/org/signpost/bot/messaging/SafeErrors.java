package org.signpost.bot.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Errors described for the log without their messages: a parser's or driver's message can quote what a
 * person typed, so the log gets each cause's type and where it was thrown, never its text.
 */
final class SafeErrors {

    private SafeErrors() {
    }

    static String describe(Throwable error) {
        List<String> causes = new ArrayList<>();
        for (Throwable cause = error; cause != null && causes.size() < 8; cause = cause.getCause()) {
            StackTraceElement[] stack = cause.getStackTrace();
            String where = stack.length == 0 ? "" : " at " + stack[0].getClassName() + "." + stack[0].getMethodName()
                    + ":" + stack[0].getLineNumber();
            causes.add(cause.getClass().getName() + where);
            if (cause.getCause() == cause) {
                break;
            }
        }
        return String.join(" <- ", causes);
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
