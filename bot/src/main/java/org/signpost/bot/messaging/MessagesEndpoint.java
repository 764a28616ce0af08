package org.signpost.bot.messaging;

import com.auth0.jwt.exceptions.JWTDecodeException;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.connector.authentication.AuthenticationException;
import com.microsoft.bot.schema.Activity;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.signpost.dialogs.conversation.SignpostBot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * {@code POST /api/messages}: where Teams (or Web Chat, the Emulator, the Agents Playground) delivers activities.
 *
 * <p>A servlet of its own, not a Spring MVC controller: the turn runs on a turn thread, and that thread writes
 * the answer and completes the request. Spring MVC would dispatch the request through the filters and the
 * dispatcher a second time to write it, which under load cost about as much CPU as the first pass (the
 * load harness's profile, docs/benchmarks.md). Of the filters only the request metrics (and a local trial's
 * loopback check) see it, once ({@link PageFilters}); Spring Security's strict firewall is asked here.
 */
final class MessagesEndpoint extends HttpServlet {

    static final String PATH = "/api/messages";

    private static final Logger log = LoggerFactory.getLogger(MessagesEndpoint.class);

    /** What a request is answered: a status, plain text or JSON, and whether the caller should retry shortly. */
    private record Answer(int status, MediaType type, String body, boolean retrySoon) {
        static Answer text(HttpStatus status, String body) {
            return new Answer(status.value(), MediaType.TEXT_PLAIN, body, false);
        }
    }

    private final transient HttpFirewall firewall;
    private final transient SignpostAdapter adapter;
    private final transient SignpostBot bot;
    private final transient ActivityReader reader;
    private final transient ServiceUrlPolicy serviceUrls;
    private final transient TrustSettings trust;
    private final transient TurnSettings turns;

    MessagesEndpoint(HttpFirewall firewall, SignpostAdapter adapter, SignpostBot bot, ActivityReader reader,
            ServiceUrlPolicy serviceUrls, TrustSettings trust, TurnSettings turns) {
        this.firewall = firewall;
        this.adapter = adapter;
        this.bot = bot;
        this.reader = reader;
        this.serviceUrls = serviceUrls;
        this.trust = trust;
        this.turns = turns;
    }

    /**
     * Every request as Spring Security's filter answered it here before: 400 for a path, method or host its firewall
     * rejects, or for a header the endpoint reads (the token) with characters it rejects. Its messages quote the
     * request, so they are not logged.
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            super.service(firewall.getFirewalledRequest(request), response);
        } catch (RequestRejectedException e) {
            log.info("Refused a request the firewall rejects");
            if (!response.isCommitted()) {
                response.reset();
                write(Answer.text(HttpStatus.BAD_REQUEST, "The request was rejected."), response);
            }
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // the request metrics name the endpoint, as they would for a controller's mapping
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(PATH));
        CompletableFuture<Answer> answer = receive(request);
        if (answer.isDone()) {
            // refused before any turn (or a turn that ended at once): answered on this thread
            write(answer.join(), response);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(turns.requestTimeout().toMillis());
        AtomicBoolean answered = new AtomicBoolean();
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) throws IOException {
                if (answered.compareAndSet(false, true)) {
                    log.warn("A turn did not end within the request timeout");
                    finish(async, Answer.text(HttpStatus.SERVICE_UNAVAILABLE, "The activity took too long; try again."));
                }
            }

            @Override
            public void onError(AsyncEvent event) {
                if (answered.compareAndSet(false, true)) {
                    async.complete();
                }
            }

            @Override
            public void onComplete(AsyncEvent event) {
                answered.set(true);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // not restarted
            }
        });
        answer.whenComplete((done, error) -> {
            if (answered.compareAndSet(false, true)) {
                finish(async, error == null ? done : failure(error));
            }
        });
    }

    /** Clients (the Agents Playground among them) check the endpoint is there before they post. */
    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_OK);
    }

    private CompletableFuture<Answer> receive(HttpServletRequest request) throws IOException {
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
            return adapter.processIncomingActivity(request.getHeader(HttpHeaders.AUTHORIZATION), activity.get(), bot)
                    .handle((invoke, error) -> error == null ? answer(invoke) : failure(error));
        } catch (JWTDecodeException | AuthenticationException e) {
            // a malformed token fails before the SDK's future exists
            return CompletableFuture.completedFuture(failure(e));
        }
    }

    private Answer answer(InvokeResponse invoke) {
        if (invoke == null) {
            return new Answer(HttpStatus.OK.value(), null, null, false);
        }
        try {
            String body = invoke.getBody() == null ? null : reader.write(invoke.getBody());
            return new Answer(invoke.getStatus(), MediaType.APPLICATION_JSON, body, false);
        } catch (IOException e) {
            return failure(e);
        }
    }

    private Answer failure(Throwable error) {
        Throwable cause = SafeErrors.unwrap(error);
        if (cause instanceof ChannelTokens.NotAChannelToken refused) {
            log.info("Rejected an activity: not a Bot Framework channel token ({})", refused.reason());
            return Answer.text(HttpStatus.UNAUTHORIZED, "A valid Bot Framework token is required.");
        }
        if (cause instanceof AuthenticationException || cause instanceof JWTDecodeException) {
            log.info("Rejected an activity without a valid Bot Framework token ({})", cause.getClass().getSimpleName());
            return Answer.text(HttpStatus.UNAUTHORIZED, "A valid Bot Framework token is required.");
        }
        if (cause instanceof TurnExecutor.BusyException) {
            log.warn("Refused an activity: every turn thread is busy and the queue is full");
            return new Answer(HttpStatus.SERVICE_UNAVAILABLE.value(), MediaType.TEXT_PLAIN, "Busy; try again shortly.", true);
        }
        log.error("Could not process an activity: {}", SafeErrors.describe(error));
        return Answer.text(HttpStatus.INTERNAL_SERVER_ERROR, "The activity could not be processed.");
    }

    /** Writes the answer from whichever thread has it, and ends the request. */
    private static void finish(AsyncContext async, Answer answer) {
        try {
            write(answer, (HttpServletResponse) async.getResponse());
        } catch (IOException | RuntimeException e) {
            // the caller has gone: nothing to answer
            log.debug("Could not write an answer: {}", e.getClass().getSimpleName());
        } finally {
            async.complete();
        }
    }

    private static void write(Answer answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        if (answer.retrySoon()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        }
        if (answer.body() == null) {
            response.setContentLength(0);
            return;
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        response.setContentType(answer.type() + ";charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
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
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            return Optional.empty();
        }
        try (InputStream in = request.getInputStream()) {
            if (declared >= 0) {
                // one array of the body's own size (Tomcat gives no more than the declared length); reading up to
                // the limit went through an 8 KiB buffer and a copy on every request
                return Optional.of(in.readNBytes((int) declared));
            }
            byte[] body = in.readNBytes((int) limit + 1);
            return body.length > limit ? Optional.empty() : Optional.of(body);
        }
    }

    private static CompletableFuture<Answer> done(HttpStatus status, String message) {
        return CompletableFuture.completedFuture(Answer.text(status, message));
    }
}
