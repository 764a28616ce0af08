package org.signpost.bot.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.Attachment;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.Entity;
import com.microsoft.bot.schema.HeroCard;
import com.microsoft.bot.schema.RoleTypes;
import com.microsoft.bot.schema.Serialization;
import com.microsoft.bot.schema.TextFormatTypes;
import com.microsoft.bot.schema.teams.TeamsChannelData;
import com.microsoft.bot.schema.teams.TenantInfo;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.kernel.AdaptiveCardRenderer;
import org.signpost.dialogs.kernel.Card;
import org.signpost.dialogs.kernel.CardKeys;

/**
 * {@link ActivityJson} writes every reply the bot sends byte for byte as the SDK's own serialisation does, and
 * hands anything it does not write itself to Jackson.
 */
class ActivityJsonTests {

    private static final String AWKWARD = "Croeso — ’quotes’ & <tags> \"quoted\" \\ 😀 \u0001\t\nend";

    /** A message from Teams, Web Chat or the Emulator, as the bot reads it (its timestamps are not read). */
    private static Activity incoming(String channel, String serviceUrl, boolean group, boolean roles) {
        Activity incoming = new Activity(ActivityTypes.MESSAGE);
        incoming.setId("1700000000000");
        incoming.setChannelId(channel);
        incoming.setServiceUrl(serviceUrl);
        incoming.setLocale("cy-GB");
        ChannelAccount person = new ChannelAccount("29:person", "A Person");
        person.setAadObjectId("aad-1");
        ChannelAccount bot = new ChannelAccount("28:signpost-bot", "Signpost");
        if (roles) {
            person.setRole(RoleTypes.USER);
            bot.setRole(RoleTypes.BOT);
        }
        incoming.setFrom(person);
        incoming.setRecipient(bot);
        ConversationAccount conversation = new ConversationAccount("a:conversation-1");
        conversation.setTenantId("tenant-1");
        conversation.setConversationType(group ? "groupChat" : "personal");
        if (group) {
            conversation.setIsGroup(true);
            conversation.setName("A group");
        }
        incoming.setConversation(conversation);
        incoming.setText("hello");
        return incoming;
    }

    private static List<Activity> incomings() {
        return List.of(incoming("msteams", "https://smba.trafficmanager.net/emea/", false, false),
                incoming("msteams", "https://smba.trafficmanager.net/emea/", true, false),
                incoming("webchat", "https://webchat.botframework.com/", false, true),
                incoming("emulator", "http://localhost:56000", false, true));
    }

    private static Card.Builder question() {
        return Card.builder().note("Question 1 of 3")
                .add(new Card.Choices(CardKeys.ANSWER, AWKWARD, Map.of("agree", "Agree", "disagree", "Disagree"),
                        true, "Choose"))
                .submit("Next", Map.of(CardKeys.ACTION, "survey", CardKeys.VERB, "answer"))
                .submitWithoutInputs("Cancel", Map.of(CardKeys.ACTION, "survey", CardKeys.VERB, "cancel"));
    }

    /** Every kind of message the bot makes (see {@code Reply}, broadcasts and the apology), before it is addressed. */
    private static List<Activity> messages() {
        Card kept = question().sameForEveryone().build();
        Card yours = Card.builder().text("You signed up for Tuesday's session.").verbatim(AWKWARD)
                .openUrl("Read", "https://example.org/a?b=c&d=é").build();
        Card empty = Card.builder().build();
        Activity plain = MessageFactory.text("Words\n\n" + AWKWARD);
        plain.setTextFormat(TextFormatTypes.PLAIN);
        return List.of(MessageFactory.text("Hello there"), MessageFactory.text(AWKWARD), MessageFactory.text(""),
                MessageFactory.attachment(List.of(AdaptiveCardRenderer.attachment(kept),
                        AdaptiveCardRenderer.attachment(yours)), "Words first", null, null),
                MessageFactory.attachment(List.of(AdaptiveCardRenderer.attachment(kept)), null, null, null),
                MessageFactory.attachment(List.of(AdaptiveCardRenderer.attachment(yours),
                        AdaptiveCardRenderer.attachment(empty)), AWKWARD, null, null),
                MessageFactory.attachment(AdaptiveCardRenderer.attachment(kept)), plain,
                new Activity(ActivityTypes.TYPING));
    }

    @Test
    void everyReplyTheBotSendsIsWrittenHereAsTheSdkWritesIt() throws Exception {
        int written = 0;
        for (Activity from : incomings()) {
            ConversationReference reference = from.getConversationReference();
            for (Activity message : messages()) {
                // as TurnContextImpl addresses a reply, and SignpostAdapter clears its id
                message.applyConversationReference(reference);
                message.setId(null);
                assertThat(ActivityJson.written(message)).as(Serialization.toString(message)).isTrue();
                assertWrittenAsTheSdk(message);
                written++;
            }
            for (Activity message : messages()) {
                // a message outside a turn (proactive, a broadcast): addressed from a stored reference
                message.applyConversationReference(reference.getContinuationActivity().getConversationReference());
                message.setId(null);
                assertThat(ActivityJson.written(message)).isTrue();
                assertWrittenAsTheSdk(message);
            }
        }
        assertThat(written).isEqualTo(incomings().size() * messages().size());
    }

    @Test
    void timestampsAreWrittenInTheSdksFormat() throws Exception {
        for (OffsetDateTime timestamp : List.of(
                OffsetDateTime.of(2026, 12, 1, 11, 12, 13, 456_000_000, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 12, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 1, 1, 0, 30, 0, 5_000, ZoneOffset.ofHours(1)),
                OffsetDateTime.of(2026, 12, 31, 23, 59, 59, 999_999_999, ZoneOffset.ofHoursMinutes(-9, -30)),
                OffsetDateTime.of(1, 1, 1, 0, 0, 0, 1, ZoneOffset.UTC),
                OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 7, ZoneOffset.UTC),
                OffsetDateTime.of(10_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(0, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(1, 1, 1, 0, 30, 0, 0, ZoneOffset.ofHours(1)),
                OffsetDateTime.now())) {
            Activity reply = reply();
            reply.setTimestamp(timestamp);
            assertWrittenAsTheSdk(reply);
        }
        Activity none = reply();
        none.setTimestamp(null);
        assertWrittenAsTheSdk(none);
    }

    @Test
    void everyPropertyTheSdkWritesIsWrittenAsItWritesIt() throws Exception {
        int checked = 0;
        checked += eachProperty(Activity.class, ActivityJsonTests::reply, activity -> activity);
        checked += eachProperty(ChannelAccount.class, ActivityJsonTests::reply, Activity::getFrom);
        checked += eachProperty(ChannelAccount.class, ActivityJsonTests::reply, Activity::getRecipient);
        checked += eachProperty(ConversationAccount.class, ActivityJsonTests::reply, Activity::getConversation);
        checked += eachProperty(Attachment.class, ActivityJsonTests::reply, activity -> activity.getAttachments().get(0));
        assertThat(checked).as("properties set, one at a time").isGreaterThan(60);
        // the two the SDK works out from others
        for (String serviceUrl : List.of("urn:botframework:namedpipe:signpost", "HTTPS://SMBA.TRAFFICMANAGER.NET/",
                "Http://x", "hTtP", "htt", "", "h", "İhttp", "ｈttp://", "wss://x", " http://x")) {
            Activity streaming = reply();
            streaming.setServiceUrl(serviceUrl);
            assertThat(ActivityJson.fromStreamingConnection(serviceUrl)).as(serviceUrl)
                    .isEqualTo(streaming.isFromStreamingConnection());
            assertWrittenAsTheSdk(streaming);
        }
        Activity noUrl = reply();
        noUrl.setServiceUrl(null);
        noUrl.setChannelId(null);
        assertWrittenAsTheSdk(noUrl);
    }

    @Test
    void whatItDoesNotWriteItselfJacksonWrites() throws Exception {
        List<Consumer<Activity>> others = List.of(
                activity -> activity.setEntities(List.of(mention())),
                activity -> activity.setChannelData(teamsChannelData()),
                activity -> activity.setValue(Map.of("signpost", "survey")),
                activity -> activity.setProperties("extra", TextNode.valueOf("x")),
                activity -> activity.getFrom().setProperties("extra", TextNode.valueOf("x")),
                activity -> activity.getConversation().setProperties("extra", TextNode.valueOf("x")),
                activity -> activity.getAttachments().get(0).setProperties("extra", TextNode.valueOf("x")),
                activity -> activity.getAttachments().get(0).setContent(new HeroCard()),
                activity -> activity.getAttachments().get(0).setContent(Map.of("type", "AdaptiveCard")),
                activity -> activity.getAttachments().get(0).setContent(TextNode.valueOf("text")),
                activity -> activity.setLocalTimestamp(OffsetDateTime.of(2026, 12, 1, 12, 0, 0, 0, ZoneOffset.ofHours(1))),
                activity -> activity.setExpiration(LocalDateTime.of(2026, 12, 2, 0, 0)));
        for (Consumer<Activity> other : others) {
            Activity reply = reply();
            other.accept(reply);
            assertThat(ActivityJson.written(reply)).isFalse();
            assertWrittenAsTheSdk(reply);
        }
        Activity emptyContent = reply();
        emptyContent.getAttachments().get(0).setContent(JsonNodeFactory.instance.objectNode());
        assertThat(ActivityJson.written(emptyContent)).isTrue();
        assertWrittenAsTheSdk(emptyContent);
    }

    /** A card reply to someone in Teams, as sent. */
    private static Activity reply() {
        Activity reply = MessageFactory.attachment(
                List.of(AdaptiveCardRenderer.attachment(question().sameForEveryone().build())), "Words", null, null);
        reply.applyConversationReference(incoming("msteams", "https://smba.trafficmanager.net/emea/", false, false)
                .getConversationReference());
        reply.setId(null);
        return reply;
    }

    /**
     * Sets each property Jackson finds on the type, alone, to a value of its type (each constant of an enum, an
     * empty string too), on the object {@code part} picks out of a fresh reply, and compares the bytes.
     */
    private static <T> int eachProperty(Class<T> type, java.util.function.Supplier<Activity> fresh,
            java.util.function.Function<Activity, T> part) throws Exception {
        JsonSerializer<Object> serializer = ConnectorClients.WIRE.getSerializerProviderInstance()
                .findValueSerializer(type);
        int checked = 0;
        for (Iterator<PropertyWriter> properties = serializer.properties(); properties.hasNext(); ) {
            BeanPropertyWriter property = (BeanPropertyWriter) properties.next();
            String name = property.getName();
            if (name.equals("properties")) {
                Activity reply = fresh.get();
                T target = part.apply(reply);
                type.getMethod("setProperties", String.class, JsonNode.class)
                        .invoke(target, "extra", TextNode.valueOf("x"));
                assertWrittenAsTheSdk(reply);
                checked++;
                continue;
            }
            Method setter = setter(type, name);
            if (setter == null) {
                // worked out from other properties (fromStreamingConnection, teamsActivity): see the callers
                assertThat(name).isIn("fromStreamingConnection", "teamsActivity");
                continue;
            }
            for (Object value : samples(property.getType().getRawClass(), property.getType().getContentType() == null
                    ? null : property.getType().getContentType().getRawClass())) {
                Activity reply = fresh.get();
                setter.invoke(part.apply(reply), value);
                assertWrittenAsTheSdk(reply);
                checked++;
            }
        }
        return checked;
    }

    private static Method setter(Class<?> type, String property) {
        String wanted = property.equals("group") ? "setIsGroup" : "set" + property;
        for (Method method : type.getMethods()) {
            if (method.getName().equalsIgnoreCase(wanted) && method.getParameterCount() == 1) {
                return method;
            }
        }
        return null;
    }

    private static List<Object> samples(Class<?> type, Class<?> content) throws Exception {
        List<Object> samples = new ArrayList<>();
        if (type == String.class) {
            samples.add(AWKWARD);
            samples.add("");
            samples.add(null);
        } else if (type == boolean.class || type == Boolean.class) {
            samples.add(true);
            samples.add(false);
        } else if (type.isEnum()) {
            samples.addAll(List.of(type.getEnumConstants()));
            samples.add(null);
        } else if (type == OffsetDateTime.class) {
            samples.add(OffsetDateTime.of(2026, 12, 1, 12, 0, 0, 5_000, ZoneOffset.ofHours(1)));
            samples.add(null);
        } else if (type == LocalDateTime.class) {
            samples.add(LocalDateTime.of(2026, 12, 1, 12, 0, 0));
        } else if (List.class.isAssignableFrom(type)) {
            samples.add(List.of(samples(content, null).get(0)));
            samples.add(new ArrayList<>());
            samples.add(null);
        } else if (type == Object.class) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("k", "v");
            samples.add(value);
            samples.add(JsonNodeFactory.instance.objectNode().put("type", "AdaptiveCard"));
            samples.add(null);
        } else if (type == ChannelAccount.class) {
            samples.add(new ChannelAccount("29:other", "Other"));
            samples.add(null);
        } else if (type == ConversationAccount.class) {
            samples.add(new ConversationAccount("a:other"));
            samples.add(null);
        } else if (type == Entity.class) {
            samples.add(mention());
        } else {
            samples.add(type.getConstructor().newInstance());
            samples.add(null);
        }
        return samples;
    }

    private static Entity mention() {
        Entity mention = new Entity();
        mention.setType("mention");
        mention.setProperties("text", TextNode.valueOf("<at>Person</at>"));
        return mention;
    }

    private static TeamsChannelData teamsChannelData() {
        TeamsChannelData channelData = new TeamsChannelData();
        channelData.setTenant(new TenantInfo("tenant-1"));
        return channelData;
    }

    private static void assertWrittenAsTheSdk(Activity activity) throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        ActivityJson.write(activity, written);
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo(Serialization.toString(activity));
        assertThat(written.toByteArray()).isEqualTo(Serialization.toString(activity).getBytes(StandardCharsets.UTF_8));
    }
}
