package org.signpost.bot.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.rest.RestConnectorClient;
import com.microsoft.bot.schema.ConversationReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.signpost.bot.connector.ConnectorClients;

/**
 * The two connector calls that reach a team's members in their personal chats, as Teams allows: a page of
 * the team's roster ({@code GET v3/conversations/{teamId}/pagedmembers}), and a new one-to-one conversation
 * with one member ({@code POST v3/conversations}). Through the adapter (its service-URL policy and
 * credentials) and the shared client (its timeouts and retries of 429, 412, 502 and 504).
 *
 * <p>Of a roster entry only the two ids are read; its name, e-mail and the rest never leave this class.
 */
public final class TeamConversations {

    /** A team member, by the ids Teams gives: the chat id ({@code 29:...}) and the Entra object id. */
    public record Member(String id, String aadObjectId) {
        @Override
        public String toString() {
            return "Member";
        }
    }

    /** A page of the roster; {@code next} is empty on the last page. */
    public record Page(List<Member> members, String next) {
    }

    private final SignpostAdapter adapter;
    private final String appId;
    private final ConnectorClients clients;

    TeamConversations(SignpostAdapter adapter, String appId, ConnectorClients clients) {
        this.adapter = adapter;
        this.appId = appId;
        this.clients = clients;
    }

    /** A page of a team's members, from the start ({@code token} empty) or where the last page ended. */
    public Page members(ConversationReference team, String teamId, String token, int pageSize)
            throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("pageSize", Integer.toString(pageSize));
        query.put("continuationToken", token == null || token.isEmpty() ? null : token);
        JsonNode page = call(team, List.of("v3", "conversations", teamId, "pagedmembers"), query, null);
        List<Member> members = new ArrayList<>();
        if (page != null) {
            for (JsonNode member : page.path("members")) {
                String id = member.path("id").asText("");
                if (!id.isEmpty()) {
                    members.add(new Member(id, member.path("aadObjectId").asText("")));
                }
            }
        }
        String next = page == null ? "" : page.path("continuationToken").asText("");
        return new Page(members, next);
    }

    /** Opens (or finds: Teams answers the same id again) the personal chat with a member; its conversation id. */
    public String openPersonalChat(ConversationReference team, String tenantId, Member member) throws IOException {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("isGroup", false);
        parameters.put("bot", Map.of("id", team.getBot() == null ? "" : team.getBot().getId()));
        parameters.put("members", List.of(Map.of("id", member.id())));
        parameters.put("tenantId", tenantId);
        parameters.put("channelData", Map.of("tenant", Map.of("id", tenantId)));
        JsonNode created = call(team, List.of("v3", "conversations"), Map.of(), parameters);
        String id = created == null ? "" : created.path("id").asText("");
        if (id.isEmpty()) {
            throw new IOException("The connector opened no conversation");
        }
        return id;
    }

    private JsonNode call(ConversationReference team, List<String> path, Map<String, String> query, Object body)
            throws IOException {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        try {
            adapter.continueConversation(appId, team, turn -> {
                RestConnectorClient connector = turn.getTurnState().get(SignpostAdapter.CONNECTOR_CLIENT_KEY);
                try {
                    answer.complete(clients.call(connector.baseUrl(), (AppCredentials) connector.credentials(), path,
                            query, body));
                } catch (IOException e) {
                    answer.completeExceptionally(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    answer.completeExceptionally(e);
                }
                return CompletableFuture.completedFuture(null);
            }).get();
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while calling the connector", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("Not answered", cause);
        }
    }
}
