package org.signpost.bot.connector;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Attachment;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.Serialization;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.signpost.dialogs.kernel.KeptCardJson;

/**
 * An activity's JSON, byte for byte as the SDK's own serialisation ({@link Serialization}) writes it, for the
 * activities the bot sends: a message's text, cards and the conversation's accounts, every property in the SDK's
 * order and with its rules (an empty text is left out, {@code historyDisclosed} is always there). Jackson's bean
 * serialiser looked at each of an activity's 45 properties through reflection on every reply, most of them empty
 * (a fifth of the reply's cost in the lead's 18:22 profile). An activity with anything else set (entities,
 * channel data, suggested actions, a value, extra properties) is written by Jackson, as before.
 */
final class ActivityJson {

    /** {@code Activity.timestamp}'s own format (its {@code @JsonFormat}), for years this writer does not spell out. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nXXX")
            .withZone(ZoneOffset.UTC);

    private ActivityJson() {
    }

    static void write(Activity activity, OutputStream out) throws IOException {
        if (!written(activity)) {
            ConnectorClients.WIRE.writeValue(out, activity);
            return;
        }
        try (JsonGenerator json = ConnectorClients.WIRE.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeBooleanField("fromStreamingConnection", fromStreamingConnection(activity.getServiceUrl()));
            json.writeBooleanField("teamsActivity", activity.isTeamsActivity());
            string(json, "type", activity.getType());
            string(json, "id", activity.getId());
            if (activity.getTimestamp() != null) {
                json.writeStringField("timestamp", timestamp(activity.getTimestamp()));
            }
            string(json, "localTimezone", activity.getLocalTimezone());
            string(json, "callerId", activity.getCallerId());
            string(json, "serviceUrl", activity.getServiceUrl());
            string(json, "channelId", activity.getChannelId());
            account(json, "from", activity.getFrom());
            conversation(json, activity.getConversation());
            account(json, "recipient", activity.getRecipient());
            string(json, "textFormat", activity.getTextFormat() == null ? null : activity.getTextFormat().toString());
            string(json, "attachmentLayout",
                    activity.getAttachmentLayout() == null ? null : activity.getAttachmentLayout().toString());
            string(json, "topicName", activity.getTopicName());
            json.writeBooleanField("historyDisclosed", activity.getHistoryDisclosed());
            string(json, "locale", activity.getLocale());
            string(json, "text", activity.getText());
            string(json, "speak", activity.getSpeak());
            string(json, "inputHint", activity.getInputHint() == null ? null : activity.getInputHint().toString());
            string(json, "summary", activity.getSummary());
            attachments(json, activity.getAttachments());
            string(json, "action", activity.getAction());
            string(json, "replyToId", activity.getReplyToId());
            string(json, "label", activity.getLabel());
            string(json, "valueType", activity.getValueType());
            string(json, "name", activity.getName());
            string(json, "importance", activity.getImportance());
            string(json, "deliveryMode", activity.getDeliveryMode());
            json.writeEndObject();
        }
    }

    /** Whether this writer writes every property the activity has set (the rest it would leave out). */
    static boolean written(Activity activity) {
        return activity.getLocalTimestamp() == null && none(activity.getMembersAdded())
                && none(activity.getMembersRemoved()) && none(activity.getReactionsAdded())
                && none(activity.getReactionsRemoved()) && activity.getSuggestedActions() == null
                && none(activity.getEntities()) && activity.getChannelData() == null && activity.getValue() == null
                && activity.getRelatesTo() == null && activity.getCode() == null && activity.getExpiration() == null
                && none(activity.getListenFor()) && none(activity.getTextHighlights())
                && none(activity.getProperties()) && written(activity.getFrom()) && written(activity.getRecipient())
                && (activity.getConversation() == null || none(activity.getConversation().getProperties()))
                && attachmentsWritten(activity.getAttachments());
    }

    private static boolean written(ChannelAccount account) {
        return account == null || none(account.getProperties());
    }

    private static boolean attachmentsWritten(List<Attachment> attachments) {
        if (attachments == null) {
            return true;
        }
        for (Attachment attachment : attachments) {
            if (attachment == null || !none(attachment.getProperties())
                    || !(attachment.getContent() == null || attachment.getContent() instanceof ObjectNode)) {
                return false;
            }
        }
        return true;
    }

    private static void account(JsonGenerator json, String field, ChannelAccount account) throws IOException {
        if (account == null) {
            return;
        }
        json.writeObjectFieldStart(field);
        string(json, "id", account.getId());
        string(json, "name", account.getName());
        string(json, "aadObjectId", account.getAadObjectId());
        string(json, "role", account.getRole() == null ? null : account.getRole().toString());
        json.writeEndObject();
    }

    private static void conversation(JsonGenerator json, ConversationAccount conversation) throws IOException {
        if (conversation == null) {
            return;
        }
        json.writeObjectFieldStart("conversation");
        // the SDK names it twice: once from its getter isGroup(), once from its field of that name
        json.writeBooleanField("group", conversation.isGroup());
        json.writeBooleanField("isGroup", conversation.isGroup());
        string(json, "conversationType", conversation.getConversationType());
        string(json, "tenantId", conversation.getTenantId());
        string(json, "id", conversation.getId());
        string(json, "name", conversation.getName());
        string(json, "aadObjectId", conversation.getAadObjectId());
        string(json, "role", conversation.getRole() == null ? null : conversation.getRole().toString());
        json.writeEndObject();
    }

    private static void attachments(JsonGenerator json, List<Attachment> attachments) throws IOException {
        if (none(attachments)) {
            return;
        }
        json.writeArrayFieldStart("attachments");
        for (Attachment attachment : attachments) {
            json.writeStartObject();
            string(json, "contentType", attachment.getContentType());
            string(json, "contentUrl", attachment.getContentUrl());
            if (attachment.getContent() instanceof KeptCardJson kept) {
                json.writeFieldName("content");
                json.writeRawValue(kept.written());
            } else if (attachment.getContent() instanceof ObjectNode content && !content.isEmpty()) {
                json.writeFieldName("content");
                content.serialize(json, ConnectorClients.WIRE.getSerializerProviderInstance());
            }
            string(json, "name", attachment.getName());
            string(json, "thumbnailUrl", attachment.getThumbnailUrl());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /**
     * {@code Activity.isFromStreamingConnection()}: a service URL that does not start with "http" in any case (the
     * SDK lower-cases the whole URL, a copy per reply, to look at its first four letters).
     */
    static boolean fromStreamingConnection(String serviceUrl) {
        return serviceUrl != null && !serviceUrl.regionMatches(true, 0, "http", 0, 4);
    }

    /** A string property: left out when null or empty, as the SDK's {@code NON_EMPTY} says. */
    private static void string(JsonGenerator json, String field, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            json.writeStringField(field, value);
        }
    }

    /** As {@link #TIMESTAMP} writes it: in UTC, the nanoseconds without padding ({@code .5000Z} for 5 µs). */
    static String timestamp(OffsetDateTime timestamp) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(timestamp.toEpochSecond(), timestamp.getNano(), ZoneOffset.UTC);
        if (utc.getYear() < 1 || utc.getYear() > 9999) {
            return TIMESTAMP.format(timestamp);
        }
        char[] text = new char[31];
        int at = digits(text, 0, utc.getYear(), 4);
        text[at++] = '-';
        at = digits(text, at, utc.getMonthValue(), 2);
        text[at++] = '-';
        at = digits(text, at, utc.getDayOfMonth(), 2);
        text[at++] = 'T';
        at = digits(text, at, utc.getHour(), 2);
        text[at++] = ':';
        at = digits(text, at, utc.getMinute(), 2);
        text[at++] = ':';
        at = digits(text, at, utc.getSecond(), 2);
        text[at++] = '.';
        String nanos = Integer.toString(utc.getNano());
        nanos.getChars(0, nanos.length(), text, at);
        at += nanos.length();
        text[at++] = 'Z';
        return new String(text, 0, at);
    }

    private static int digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    private static boolean none(List<?> list) {
        return list == null || list.isEmpty();
    }

    private static boolean none(Map<?, ?> map) {
        return map == null || map.isEmpty();
    }
}
