package org.signpost.bot.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationParameters;
import com.microsoft.bot.schema.Entity;
import com.microsoft.bot.schema.Serialization;
import com.microsoft.bot.schema.teams.TeamsChannelData;
import com.microsoft.bot.schema.teams.TenantInfo;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.kernel.AdaptiveCardRenderer;
import org.signpost.dialogs.kernel.Card;

/** What goes to the connector is byte for byte what the SDK's own serialisation would have sent. */
class ConnectorWireTests {

    @Test
    void anActivityIsWrittenAsTheSdkWritesIt() throws Exception {
        Card card = Card.builder().heading("Croeso — ’quotes’ & <tags> 😀").text("Question 1 of 3")
                .add(new Card.Choices("answer", "Agree?", Map.of("agree", "Agree", "disagree", "Disagree"), true, "Choose"))
                .submit("Next", Map.of("signpost", "survey", "step", "answer")).sameForEveryone().build();
        Activity reply = MessageFactory.attachment(List.of(AdaptiveCardRenderer.attachment(card)), "Hello\nthere", null, null);
        reply.setFrom(new ChannelAccount("28:bot", "Signpost"));
        reply.setRecipient(new ChannelAccount("29:person", "A Person"));
        ConversationAccount conversation = new ConversationAccount("a:conversation-1");
        conversation.setTenantId("tenant-1");
        conversation.setConversationType("personal");
        reply.setConversation(conversation);
        reply.setReplyToId("1700000000000");
        reply.setServiceUrl("https://smba.trafficmanager.net/emea/");
        reply.setLocale("cy-GB");
        reply.setTimestamp(OffsetDateTime.of(2026, 12, 1, 11, 12, 13, 456_000_000, ZoneOffset.UTC));
        reply.setLocalTimestamp(OffsetDateTime.of(2026, 12, 1, 12, 12, 13, 0, ZoneOffset.ofHours(1)));
        Entity mention = new Entity();
        mention.setType("mention");
        reply.setEntities(List.of(mention));
        TeamsChannelData channelData = new TeamsChannelData();
        channelData.setTenant(new TenantInfo("tenant-1"));
        reply.setChannelData(channelData);
        Activity typing = new Activity(ActivityTypes.TYPING);
        typing.setConversation(conversation);
        ConversationParameters parameters = new ConversationParameters();
        parameters.setMembers(List.of(new ChannelAccount("29:person")));
        parameters.setTenantId("tenant-1");
        parameters.setChannelData(Map.of("tenant", Map.of("id", "tenant-1")));
        for (Object body : List.of(reply, typing, MessageFactory.text("plain"), parameters)) {
            assertThat(new String(ConnectorClients.WIRE.writeValueAsBytes(body), StandardCharsets.UTF_8))
                    .isEqualTo(Serialization.toString(body));
        }
        assertThat(Serialization.toString(reply)).contains("2026-12-01", "😀", "AdaptiveCard", "cy-GB");
    }
}
