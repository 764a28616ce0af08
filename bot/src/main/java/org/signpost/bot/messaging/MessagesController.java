package org.signpost.bot.messaging;

import com.auth0.jwt.exceptions.JWTDecodeException;
import org.signpost.dialogs.conversation.SignpostBot;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.connector.authentication.AuthenticationException;
import com.microsoft.bot.schema.Activity;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/messages}: where Teams (or Web Chat, the Emulator, the Agents Playground) delivers activities. */
@RestController
final class MessagesController {

    private static final Logger log = LoggerFactory.getLogger(MessagesController.class);

    private final SignpostAdapter adapter;
    private final SignpostBot bot;
    private final ActivityReader reader;
    private final ServiceUrlPolicy serviceUrls;
    private final TrustSettings trust;

    MessagesController(SignpostAdapter adapter, SignpostBot bot, ActivityReader reader, ServiceUrlPolicy serviceUrls,
            TrustSettings trust) {
        this.adapter = adapter;
        this.bot = bot;
        this.reader = reader;
        this.serviceUrls = serviceUrls;
        this.trust = trust;
    }

    @PostMapping("/api/messages")
    CompletableFuture<ResponseEntity<String>> receive(HttpServletRequest request,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization)
            throws IOException {
        if (!isJson(request.getContentType())) {
            // a browser can post text/plain or a form anywhere without asking first; the channels send JSON
            return done(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Activities are sent as application/json.");
        }
        Optional<byte[]> body = readAtMost(request, trust.maxActivitySize().toBytes());
        if (body.isEmpty()) {
            return done(HttpStatus.PAYLOAD_TOO_LARGE, "The activity is too large.");
        }
        Optional<Activity> activity = reader.read(body.get());
        if (activity.isEmpty()) {
            return done(HttpStatus.BAD_REQUEST, "The body is not a Bot Framework activity.");
        }
        if (!serviceUrls.allows(activity.get().getServiceUrl())) {
            log.warn("Refused an activity whose service URL this deployment does not reply to");
            return done(HttpStatus.FORBIDDEN, "Replies to this service URL are not allowed.");
        }
        try {
            return adapter.processIncomingActivity(authorization, activity.get(), bot)
                    .handle((invoke, error) -> error == null ? answer(invoke) : failure(error));
        } catch (JWTDecodeException | AuthenticationException e) {
            // a malformed token fails before the SDK's future exists
            return CompletableFuture.completedFuture(failure(e));
        }
    }

    /** Clients (the Agents Playground among them) check the endpoint is there before they post. */
    @RequestMapping(path = "/api/messages", method = RequestMethod.HEAD)
    ResponseEntity<Void> probe() {
        return ResponseEntity.ok().build();
    }

    private ResponseEntity<String> answer(InvokeResponse invoke) {
        if (invoke == null) {
            return ResponseEntity.ok().build();
        }
        try {
            String body = invoke.getBody() == null ? null : reader.write(invoke.getBody());
            return ResponseEntity.status(invoke.getStatus()).contentType(MediaType.APPLICATION_JSON).body(body);
        } catch (IOException e) {
            return failure(e);
        }
    }

    private ResponseEntity<String> failure(Throwable error) {
        Throwable cause = SafeErrors.unwrap(error);
        if (cause instanceof ChannelTokens.NotAChannelToken refused) {
            log.info("Rejected an activity: not a Bot Framework channel token ({})", refused.reason());
            return text(HttpStatus.UNAUTHORIZED, "A valid Bot Framework token is required.");
        }
        if (cause instanceof AuthenticationException || cause instanceof JWTDecodeException) {
            log.info("Rejected an activity without a valid Bot Framework token ({})", cause.getClass().getSimpleName());
            return text(HttpStatus.UNAUTHORIZED, "A valid Bot Framework token is required.");
        }
        if (cause instanceof TurnExecutor.BusyException) {
            log.warn("Refused an activity: every turn thread is busy and the queue is full");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                    .contentType(MediaType.TEXT_PLAIN).body("Busy; try again shortly.");
        }
        log.error("Could not process an activity: {}", SafeErrors.describe(error));
        return text(HttpStatus.INTERNAL_SERVER_ERROR, "The activity could not be processed.");
    }

    private static boolean isJson(String contentType) {
        try {
            return contentType != null
                    && MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static Optional<byte[]> readAtMost(HttpServletRequest request, long limit) throws IOException {
        if (request.getContentLengthLong() > limit) {
            return Optional.empty();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) limit + 1);
            return body.length > limit ? Optional.empty() : Optional.of(body);
        }
    }

    private static CompletableFuture<ResponseEntity<String>> done(HttpStatus status, String message) {
        return CompletableFuture.completedFuture(text(status, message));
    }

    private static ResponseEntity<String> text(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(message);
    }
}
