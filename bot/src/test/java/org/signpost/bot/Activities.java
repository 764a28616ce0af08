package org.signpost.bot;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.UUID;

/** Bot Framework activities as Teams sends them, as JSON. */
public final class Activities {

    public static final String BOT_ID = "28:signpost-bot";

    private final String serviceUrl;
    private final String userId;
    private final String userName;
    private final String aadObjectId;

    public Activities(String serviceUrl, String userId, String userName, String aadObjectId) {
        this.serviceUrl = serviceUrl;
        this.userId = userId;
        this.userName = userName;
        this.aadObjectId = aadObjectId;
    }

    public ObjectNode message(String conversationId, String text) {
        ObjectNode activity = base("message", conversationId, "personal");
        activity.put("text", text);
        return activity;
    }

    /** What an Adaptive Card's Action.Submit sends: a message with a value and no text. */
    public ObjectNode button(String conversationId, Map<String, String> value) {
        ObjectNode activity = base("message", conversationId, "personal");
        ObjectNode data = activity.putObject("value");
        value.forEach(data::put);
        return activity;
    }

    public ObjectNode installationUpdate(String conversationId, String action) {
        ObjectNode activity = base("installationUpdate", conversationId, "personal");
        activity.put("action", action);
        return activity;
    }

    public ObjectNode botAdded(String conversationId) {
        ObjectNode activity = base("conversationUpdate", conversationId, "personal");
        activity.putArray("membersAdded").addObject().put("id", BOT_ID);
        return activity;
    }

    public ObjectNode groupMention(String conversationId, String text) {
        ObjectNode activity = base("message", conversationId, "groupChat");
        activity.with("conversation").put("isGroup", true);
        activity.put("text", "<at>Signpost</at> " + text);
        ObjectNode mention = activity.putArray("entities").addObject();
        mention.put("type", "mention").put("text", "<at>Signpost</at>");
        mention.putObject("mentioned").put("id", BOT_ID).put("name", "Signpost");
        return activity;
    }

    private ObjectNode base(String type, String conversationId, String conversationType) {
        ObjectNode activity = JsonNodeFactory.instance.objectNode();
        activity.put("type", type);
        activity.put("id", "activity-" + UUID.randomUUID());
        activity.put("timestamp", "2026-11-23T09:00:00Z");
        activity.put("channelId", "msteams");
        activity.put("serviceUrl", serviceUrl);
        activity.put("locale", "en-GB");
        activity.putObject("from").put("id", userId).put("name", userName).put("aadObjectId", aadObjectId);
        activity.putObject("recipient").put("id", BOT_ID).put("name", "Signpost");
        activity.putObject("conversation").put("id", conversationId).put("conversationType", conversationType)
                .put("tenantId", "tenant-1");
        activity.putObject("channelData").putObject("tenant").put("id", "tenant-1");
        return activity;
    }
}
