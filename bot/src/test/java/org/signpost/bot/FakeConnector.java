package org.signpost.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Teams connector is a true boundary: a loopback HTTP server in its place records what the bot
 * sends (and with which token), and answers like the real one.
 */
public final class FakeConnector implements AutoCloseable {

    public record Sent(String conversationId, String authorization, JsonNode activity) {

        public boolean isCard() {
            return activity.path("attachments").size() > 0;
        }

        /** The message's card as JSON; several, one under the other, as a JSON array of them ("" for none). */
        public String cardText() {
            JsonNode attachments = activity.path("attachments");
            if (attachments.size() < 2) {
                return attachments.path(0).path("content").toString();
            }
            ArrayNode cards = JSON.createArrayNode();
            attachments.forEach(attachment -> cards.add(attachment.path("content")));
            return cards.toString();
        }

        public String text() {
            return activity.path("text").asText("");
        }
    }

    /** An answer the connector gives instead of its usual one: a status and its headers. */
    public record Scripted(int status, Map<String, String> headers) {

        public static Scripted status(int status) {
            return new Scripted(status, Map.of());
        }

        public static Scripted retryAfter(int status, String retryAfter) {
            return new Scripted(status, Map.of("Retry-After", retryAfter));
        }
    }

    /** Sends to conversations whose id starts with this fail with a 500, as a broken connector would. */
    public static final String FAILING_PREFIX = "a:failing-";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Sent> sent = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Deque<Scripted> script = new ArrayDeque<>();
    /** What the member lookup answers, by user id: their Teams profile's address fields. */
    private final Map<String, Map<String, String>> members = new ConcurrentHashMap<>();
    private final List<String> memberLookups = new CopyOnWriteArrayList<>();

    public FakeConnector() {
        // the JDK server writes headers and body apart; without TCP_NODELAY each send waits ~40 ms for an ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String[] path = exchange.getRequestURI().getRawPath().split("/");
            // GET /v3/conversations/{conversationId}/members/{userId}: the member, or 404 as Teams answers
            if (exchange.getRequestMethod().equals("GET") && path.length == 6 && path[4].equals("members")) {
                String userId = URLDecoder.decode(path[5], StandardCharsets.UTF_8);
                memberLookups.add(userId);
                Map<String, String> member = members.get(userId);
                byte[] answer = member == null ? "{\"error\":{\"code\":\"MemberNotFoundInConversation\"}}"
                        .getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(member);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(member == null ? 404 : 200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            // POST /v3/conversations/{conversationId}/activities[/{replyToId}]
            String conversationId = path.length > 3 ? URLDecoder.decode(path[3], StandardCharsets.UTF_8) : "";
            synchronized (sent) {
                sent.add(new Sent(conversationId, exchange.getRequestHeaders().getFirst("Authorization"), body));
            }
            Scripted scripted;
            synchronized (script) {
                scripted = script.poll();
            }
            if (scripted != null) {
                byte[] refusal = "{\"error\":{\"code\":\"Scripted\"}}".getBytes(StandardCharsets.UTF_8);
                scripted.headers().forEach(exchange.getResponseHeaders()::add);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(scripted.status(), refusal.length);
                exchange.getResponseBody().write(refusal);
                exchange.close();
                return;
            }
            boolean failing = conversationId.startsWith(FAILING_PREFIX);
            byte[] answer = failing
                    ? "{\"error\":{\"code\":\"ServiceError\"}}".getBytes(StandardCharsets.UTF_8)
                    : ("{\"id\":\"sent-" + ids.incrementAndGet() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(failing ? 500 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /**
     * The member lookup finds this person, with these Teams profile fields (id, name, email,
     * userPrincipalName, ...); anyone not added is not found (404).
     */
    public void member(String userId, Map<String, String> profile) {
        Map<String, String> member = new HashMap<>(profile);
        member.put("id", userId);
        members.put(userId, member);
    }

    /** The user ids the member lookup was asked about, in order. */
    public List<String> memberLookups() {
        return List.copyOf(memberLookups);
    }

    /** The next sends get these answers, in order (each is still recorded); then the usual ones again. */
    public void script(Scripted... answers) {
        synchronized (script) {
            script.addAll(List.of(answers));
        }
    }

    public String serviceUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public List<Sent> sentTo(String conversationId) {
        synchronized (sent) {
            return sent.stream().filter(s -> s.conversationId().equals(conversationId)).toList();
        }
    }

    public List<Sent> all() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
