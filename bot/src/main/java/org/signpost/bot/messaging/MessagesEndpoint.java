package org.signpost.bot.messaging;

import com.auth0.jwt.exceptions.JWTDecodeException;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.connector.authentication.AuthenticationException;
import com.microsoft.bot.schema.Activity;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * <p>A servlet of its own, not a Spring MVC controller: the turn runs on the request's thread, which then writes
 * the answer. Spring MVC would dispatch the request through the filters and the dispatcher a second time to
 * write it, which under load cost about as much CPU as the first pass (the load harness's profile,
 * docs/benchmarks.md). Of the filters only the request metrics (and a local trial's loopback check) see it, once
 * ({@link PageFilters}); Spring Security's strict firewall is asked here.
 *
 * <p>The request stays synchronous: its answer is written on its own thread and Tomcat ends it as that thread
 * returns, with no asynchronous completion (a second pass through Tomcat's adapter). A turn still going at the
 * request timeout is answered 503 from the {@link TurnWatchdog}'s thread, with {@code Connection: close}, while the
 * request's thread is still in the turn. Whichever of the two answers first is the only one written, and the
 * request's thread leaves only once that answer has been written ({@link AnsweredOnce}).
 */
final class MessagesEndpoint extends HttpServlet {

    static final String PATH = "/api/messages";

    private static final Logger log = LoggerFactory.getLogger(MessagesEndpoint.class);

    private final transient HttpFirewall firewall;
    private final transient SignpostAdapter adapter;
    private final transient SignpostBot bot;
    private final transient ActivityReader reader;
    private final transient ServiceUrlPolicy serviceUrls;
    private final transient TrustSettings trust;
    private final transient TurnSlots turns;
    private final transient TurnWatchdog watchdog;

    MessagesEndpoint(HttpFirewall firewall, SignpostAdapter adapter, SignpostBot bot, ActivityReader reader,
            ServiceUrlPolicy serviceUrls, TrustSettings trust, TurnSlots turns, TurnWatchdog watchdog) {
        this.firewall = firewall;
        this.adapter = adapter;
        this.bot = bot;
        this.reader = reader;
        this.serviceUrls = serviceUrls;
        this.trust = trust;
        this.turns = turns;
        this.watchdog = watchdog;
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
                EndpointAnswer.text(HttpStatus.BAD_REQUEST, "The request was rejected.").writeTo(response);
            }
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // the request metrics name the endpoint, as they would for a controller's mapping
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(PATH));
        long deadline = turns.deadline();
        Received received = receive(request);
        if (received.refused() != null) {
            received.refused().writeTo(response);
            return;
        }
        // read before the turn: a token the firewall rejects throws here, and is answered 400 (service)
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        AnsweredOnce once = new AnsweredOnce(response, deadline, watchdog);
        watchdog.watch(once);
        try {
            CompletableFuture<EndpointAnswer> answer;
            try {
                answer = adapter.processActivity(authorization, received.activity(), bot::onTurn, deadline)
                        .handle((invoke, error) -> error == null ? answer(invoke) : failure(error));
            } catch (JWTDecodeException | AuthenticationException e) {
                // a malformed token fails before the SDK's future exists
                answer = CompletableFuture.completedFuture(failure(e));
            } catch (RuntimeException e) {
                answer = CompletableFuture.completedFuture(failure(e));
            }
            once.answer(await(answer, deadline));
        } finally {
            // however this thread leaves, the watchdog never writes to the response after it (Tomcat reuses it)
            once.end();
        }
    }

    /**
     * The turn's answer; a turn runs on this thread, so it is almost always known already. One that went on
     * elsewhere (the SDK's own pool, for a delay) is waited for until the deadline.
     */
    private EndpointAnswer await(CompletableFuture<EndpointAnswer> answer, long deadline) {
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return EndpointAnswer.TOO_LONG;
        } catch (ExecutionException e) {
            return failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EndpointAnswer.TOO_LONG;
        }
    }

    /** Clients (the Agents Playground among them) check the endpoint is there before they post. */
    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_OK);
    }

    /** The activity to run, or the answer that refuses it before any turn. */
    private record Received(EndpointAnswer refused, Activity activity) {
        static Received refuse(HttpStatus status, String message) {
            return new Received(EndpointAnswer.text(status, message), null);
        }
    }

    private Received receive(HttpServletRequest request) throws IOException {
        if (!isJson(request.getContentType())) {
            // a browser can post text/plain or a form anywhere without asking first; the channels send JSON
            return Received.refuse(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Activities are sent as application/json.");
        }
        Optional<byte[]> body = readAtMost(request, trust.maxActivitySize().toBytes());
        if (body.isEmpty()) {
            return Received.refuse(HttpStatus.PAYLOAD_TOO_LARGE, "The activity is too large.");
        }
        Optional<Activity> activity = reader.read(body.get());
        if (activity.isEmpty()) {
            return Received.refuse(HttpStatus.BAD_REQUEST, "The body is not a Bot Framework activity.");
        }
        if (!serviceUrls.allows(activity.get().getServiceUrl())) {
            log.warn("Refused an activity whose service URL this deployment does not reply to");
            return Received.refuse(HttpStatus.FORBIDDEN, "Replies to this service URL are not allowed.");
        }
        return new Received(null, activity.get());
    }

    private EndpointAnswer answer(InvokeResponse invoke) {
        if (invoke == null) {
            return new EndpointAnswer(HttpStatus.OK.value(), null, null, false);
        }
        try {
            String body = invoke.getBody() == null ? null : reader.write(invoke.getBody());
            return new EndpointAnswer(invoke.getStatus(), MediaType.APPLICATION_JSON, body, false);
        } catch (IOException e) {
            return failure(e);
        }
    }

    private EndpointAnswer failure(Throwable error) {
        Throwable cause = SafeErrors.unwrap(error);
        if (cause instanceof ChannelTokens.NotAChannelToken refused) {
            log.info("Rejected an activity: not a Bot Framework channel token ({})", refused.reason());
            return EndpointAnswer.text(HttpStatus.UNAUTHORIZED, "A valid Bot Framework token is required.");
        }
        if (cause instanceof AuthenticationException || cause instanceof JWTDecodeException) {
            log.info("Rejected an activity without a valid Bot Framework token ({})", cause.getClass().getSimpleName());
            return EndpointAnswer.text(HttpStatus.UNAUTHORIZED, "A valid Bot Framework token is required.");
        }
        if (cause instanceof TurnSlots.BusyException) {
            log.warn("Refused an activity: every turn slot is taken and so is every place to wait for one");
            return new EndpointAnswer(HttpStatus.SERVICE_UNAVAILABLE.value(), MediaType.TEXT_PLAIN,
                    "Busy; try again shortly.", true);
        }
        if (cause instanceof TurnSlots.LateException) {
            log.warn("A turn did not run: it waited for a slot (or its token check) until the request timeout");
            return EndpointAnswer.TOO_LONG;
        }
        log.error("Could not process an activity: {}", SafeErrors.describe(error));
        return EndpointAnswer.text(HttpStatus.INTERNAL_SERVER_ERROR, "The activity could not be processed.");
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

}
