package org.signpost.bot.broadcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fake Teams connector on loopback for a team: its roster a page at a time ({@code GET
 * v3/conversations/{team}/pagedmembers}, continuation tokens as Teams gives them), new one-to-one
 * conversations ({@code POST v3/conversations}, refused with 403 for chosen members), and messages posted
 * to conversations. Roster entries carry names and e-mail addresses, as Teams' do.
 */
final class TeamConnector implements AutoCloseable {

    record Member(String id, String aadObjectId, String name, String email) {
    }

    /** A call as it arrived: what, to which conversation (or team), with which answer; and its JSON body. */
    record Call(String kind, String target, int status, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String teamId;
    private final List<Member> roster;
    private final Set<String> refusing;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> chats = new HashMap<>();
    private final Deque<Integer> rosterStatuses = new ConcurrentLinkedDeque<>();
    private volatile Duration createTakes = Duration.ZERO;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicReference<String> held = new AtomicReference<>();
    private final CountDownLatch release = new CountDownLatch(1);

    TeamConnector(String teamId, List<Member> roster, Set<String> refusing) {
        this.teamId = teamId;
        this.roster = List.copyOf(roster);
        this.refusing = Set.copyOf(refusing);
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        // calls from several instances at once, a slow one holding up no other
        server.setExecutor(threads);
        server.start();
    }

    String serviceUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The next roster calls get these statuses instead of a page (429 comes with Retry-After: 1). */
    void refuseRoster(Integer... statuses) {
        rosterStatuses.addAll(List.of(statuses));
    }

    /** Each new one-to-one conversation takes this long to answer (a slow connector). */
    void slowCreates(Duration takes) {
        createTakes = takes;
    }

    /**
     * The first new conversation with this member gets no answer until {@link #releaseCreate()}: its
     * caller stalls, as an instance that hangs (or dies) mid-call would.
     */
    void holdCreate(String memberId) {
        held.set(memberId);
    }

    void releaseCreate() {
        release.countDown();
    }

    List<Call> calls(String kind) {
        return calls.stream().filter(call -> call.kind().equals(kind)).toList();
    }

    /** Messages posted to a conversation. */
    List<JsonNode> messagesTo(String conversationId) {
        return calls("message").stream().filter(call -> call.target().equals(conversationId)).map(Call::body).toList();
    }

    /** The conversation the fake opened with a member, if it did. */
    synchronized String chatWith(String memberId) {
        return chats.get(memberId);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getRawPath().split("/");
        byte[] request = exchange.getRequestBody().readAllBytes();
        JsonNode body = request.length == 0 ? JSON.createObjectNode() : JSON.readTree(request);
        if (path.length == 5 && path[4].equals("pagedmembers")) {
            roster(exchange, URLDecoder.decode(path[3], StandardCharsets.UTF_8));
        } else if (path.length == 3 && path[2].equals("conversations")) {
            String member = body.path("members").path(0).path("id").asText();
            if (refusing.contains(member)) {
                calls.add(new Call("create", member, 403, body));
                answer(exchange, 403, Map.of(), "{\"error\":{\"code\":\"Forbidden\"}}");
                return;
            }
            try {
                if (member.equals(held.getAndUpdate(h -> member.equals(h) ? null : h))) {
                    release.await(60, TimeUnit.SECONDS);
                }
                Thread.sleep(createTakes.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String chat;
            synchronized (this) {
                chat = chats.computeIfAbsent(member, m -> "a:opened-" + m.substring(m.indexOf(':') + 1));
            }
            calls.add(new Call("create", member, 201, body));
            answer(exchange, 201, Map.of(), "{\"id\":\"" + chat + "\"}");
        } else if (path.length >= 5 && path[4].equals("activities")) {
            String conversation = URLDecoder.decode(path[3], StandardCharsets.UTF_8);
            calls.add(new Call("message", conversation, 200, body));
            answer(exchange, 200, Map.of(), "{\"id\":\"m-" + calls.size() + "\"}");
        } else {
            answer(exchange, 404, Map.of(), "{}");
        }
    }

    private void roster(HttpExchange exchange, String team) throws IOException {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        Integer refused = rosterStatuses.poll();
        if (refused != null) {
            calls.add(new Call("roster", team, refused, JSON.createObjectNode()));
            answer(exchange, refused, refused == 429 ? Map.of("Retry-After", "1") : Map.of(), "{}");
            return;
        }
        if (!team.equals(teamId)) {
            calls.add(new Call("roster", team, 404, JSON.createObjectNode()));
            answer(exchange, 404, Map.of(), "{}");
            return;
        }
        int size = Integer.parseInt(query.getOrDefault("pageSize", "100"));
        String token = query.getOrDefault("continuationToken", "");
        int from = token.isEmpty() ? 0 : Integer.parseInt(token.substring("next-".length()));
        ObjectNode page = JSON.createObjectNode();
        ArrayNode members = page.putArray("members");
        for (Member member : roster.subList(from, Math.min(roster.size(), from + size))) {
            members.addObject().put("id", member.id()).put("aadObjectId", member.aadObjectId())
                    .put("name", member.name()).put("givenName", member.name()).put("email", member.email())
                    .put("userPrincipalName", member.email()).put("tenantId", "tenant-1").put("userRole", "user");
        }
        if (from + size < roster.size()) {
            page.put("continuationToken", "next-" + (from + size));
        }
        calls.add(new Call("roster", team, 200, JSON.createObjectNode().put("token", token)));
        answer(exchange, 200, Map.of(), page.toString());
    }

    private static void answer(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach(exchange.getResponseHeaders()::add);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    static List<Member> members(int count) {
        List<Member> members = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            members.add(new Member("29:member-" + i, "aad-member-" + i, "Roster Canary " + i,
                    "roster-canary-" + i + "@example.org"));
        }
        return members;
    }
}
