package org.signpost.bot.messaging;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** What a request to {@link MessagesEndpoint} is answered: a status, plain text or JSON, and whether to retry soon. */
record EndpointAnswer(int status, MediaType type, String body, boolean retrySoon) {

    static final EndpointAnswer TOO_LONG = text(HttpStatus.SERVICE_UNAVAILABLE,
            "The activity took too long; try again.");

    static EndpointAnswer text(HttpStatus status, String body) {
        return new EndpointAnswer(status.value(), MediaType.TEXT_PLAIN, body, false);
    }

    void writeTo(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        if (retrySoon) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        }
        if (body == null) {
            response.setContentLength(0);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentType(type + ";charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
