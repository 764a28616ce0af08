package org.signpost.dialogs.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.bot.builder.TurnContextImpl;
import com.microsoft.bot.builder.adapters.TestAdapter;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.kernel.Card;
import org.signpost.dialogs.kernel.Menu;
import org.signpost.dialogs.kernel.Roles;
import org.signpost.dialogs.kernel.Senders;
import org.signpost.dialogs.kernel.Turn;

/**
 * A question's card is built once for everyone who reaches it at the same place (same flow, instance, step,
 * number and count of questions, same wording) and holds nothing of them; any other step's card is built each time.
 */
class FlowCardsTests {

    private static final String FLOW = """
            id: example
            title: example.title
            steps:
              - id: kind
                type: single_choice
                text: example.kind
                options: [{id: plain, text: example.plain}, {id: own, text: example.own}]
              - id: words
                type: free_text
                typedText: true
                when: {step: kind, is: own}
                text: example.words
              - id: mood
                type: likert
                optional: true
                text: example.mood
              - id: confirm
                type: confirm
                text: example.confirm
            """;

    @TempDir
    Path folder;

    private FlowDefinition definition;
    private Wording wording;
    private Flow flow;

    @BeforeEach
    void load() throws IOException {
        Files.createDirectories(folder.resolve("flows"));
        Files.createDirectories(folder.resolve("messages"));
        Files.writeString(folder.resolve("flows/example.yaml"), FLOW);
        Files.writeString(folder.resolve("messages/en-GB.properties"),
                Files.readString(FlowFilesTests.EXAMPLE_CONTENT.resolve("messages/en-GB.properties"))
                        + "\nexample.kind=Which kind?\nexample.plain=Plain\nexample.own=My own words"
                        + "\nexample.words=Your words?\nexample.mood=I feel ready.\n");
        ContentFolder content = ContentFolder.withOverrides(folder);
        definition = new FlowFiles(content).load("example");
        wording = new Messages(content).wording("en-GB");
        flow = new Flow() {
            @Override
            public String id() {
                return "example";
            }

            @Override
            public List<String> openInstances() {
                return List.of("spring", "autumn");
            }

            @Override
            public FlowDefinition definition(String instance) {
                return definition;
            }

            @Override
            public Completion completion() {
                return null;
            }

            @Override
            public Duration ttl() {
                return Duration.ofHours(1);
            }
        };
    }

    @Test
    void aQuestionsCardIsBuiltOnceForEveryoneWhoReachesItAtTheSamePlace() {
        FlowRun plain = FlowRun.begin("example", "spring", 0).answer(definition, "kind", "plain");
        FlowRun plainToo = FlowRun.begin("example", "spring", 0).answer(definition, "kind", "plain");
        Card first = FlowCards.step(flow, definition, plain, turn("29:first"));
        Card again = FlowCards.step(flow, definition, plainToo, turn("29:second"));
        assertThat(again).isSameAs(first).isEqualTo(FlowCards.build(flow, definition, plainToo, turn("29:second")));
        assertThat(first.sameForEveryone()).isTrue();
        assertThat(first.toString()).contains("Question 2 of 2", "I feel ready.", "spring");

        // typed words put mood third of three: another card, and nothing of the words on it
        FlowRun own = FlowRun.begin("example", "spring", 0).answer(definition, "kind", "own")
                .answer(definition, "words", "my own secret words");
        Card third = FlowCards.step(flow, definition, own, turn("29:third"));
        assertThat(definition.steps().get(own.next()).id()).isEqualTo("mood");
        assertThat(third).isNotSameAs(first).isEqualTo(FlowCards.build(flow, definition, own, turn("29:third")));
        assertThat(third.toString()).contains("Question 3 of 3").doesNotContain("secret");

        FlowRun autumn = FlowRun.begin("example", "autumn", 0).answer(definition, "kind", "plain");
        Card other = FlowCards.step(flow, definition, autumn, turn("29:first"));
        assertThat(other).isNotSameAs(first).isEqualTo(FlowCards.build(flow, definition, autumn, turn("29:first")));
        assertThat(other.toString()).contains("autumn").doesNotContain("spring");

        FlowRun begun = FlowRun.begin("example", "spring", 0);
        Card asked = FlowCards.step(flow, definition, begun, turn("29:first"));
        assertThat(asked).isNotEqualTo(first).isEqualTo(FlowCards.build(flow, definition, begun, turn("29:first")));
        assertThat(asked.toString()).contains("Question 1 of 2", "Which kind?");
    }

    @Test
    void anyOtherStepsCardIsBuiltEachTime() {
        FlowRun done = FlowRun.begin("example", "spring", 0).answer(definition, "kind", "plain")
                .answer(definition, "mood", "agree");
        assertThat(definition.steps().get(done.next()).id()).isEqualTo("confirm");
        Card first = FlowCards.step(flow, definition, done, turn("29:first"));
        Card again = FlowCards.step(flow, definition, done, turn("29:first"));
        assertThat(again).isEqualTo(first).isNotSameAs(first);
        assertThat(first.sameForEveryone()).isFalse();
    }

    private Turn turn(String person) {
        Activity activity = new Activity(ActivityTypes.MESSAGE);
        activity.setChannelId("msteams");
        activity.setConversation(new ConversationAccount("a:" + person));
        activity.setFrom(new ChannelAccount(person, "Someone"));
        activity.setRecipient(new ChannelAccount("bot", "Signpost"));
        return Turn.of(new TurnContextImpl(new TestAdapter(), activity), wording, new Menu(List.of()),
                Senders.trial(), Roles.none());
    }
}
