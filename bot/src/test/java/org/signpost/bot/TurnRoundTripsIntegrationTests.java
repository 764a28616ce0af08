package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.RoundTripCounter.RoundTrip;
import org.signpost.bot.redis.EmbeddedRedis;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.kernel.MutableClock;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.UnifiedJedis;

/**
 * The Redis round trips of each kind of turn the load harness sends (typed chatter, a survey card click,
 * the submission), counted on the wire between the app and a real Redis, for real activities through
 * {@code /api/messages}. Printed for docs/benchmarks.md, and held exactly: a read that comes back (the open
 * round read twice in a turn, say) fails the build, and so does a saving nobody wrote down. The clock stands
 * still unless a test moves it: what an instance may reuse for a moment stays reusable while turns are counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TurnRoundTripsIntegrationTests {

    static final Path folder = TestRedis.tempFolder("signpost-round-trips");
    static final EmbeddedRedis server = EmbeddedRedis.start(folder.resolve("redis"));
    static final RoundTripCounter counter = new RoundTripCounter(server.port());
    static final FakeConnector connector = new FakeConnector();
    static final SurveyDefinition SURVEY = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");
    static final String ROUND = "trial";
    static final Wording SHIPPED = new Messages(ContentFolder.shipped()).wording("en-GB");

    @TestConfiguration
    static class MovedClock {
        @Bean
        @Primary
        MutableClock movedClock() {
            return new MutableClock();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("signpost.redis.url", () -> "redis://:" + server.password() + "@127.0.0.1:" + counter.port());
        registry.add("signpost.redis.data-folder", () -> folder.resolve("app").toString());
        TestKeys.register(registry);
        // the timers share the pool: kept quiet while turns are counted (the fewest of each kind is asserted,
        // so a tick that lands in a turn anyway only adds to a count that is not the fewest)
        registry.add("signpost.focusgroups.tick", () -> "1h");
        registry.add("signpost.results.schedule-tick", () -> "10m");
        registry.add("signpost.broadcast.idle-poll", () -> "1h");
        registry.add("signpost.survey.rewrite-interval", () -> "1h");
    }

    @AfterAll
    static void stop() {
        connector.close();
        counter.close();
        server.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Test
    void eachKindOfTurnTakesExactlyItsRoundTrips() {
        Map<String, List<RoundTrip>> first = takeTheSurvey("first");
        Map<String, List<RoundTrip>> second = takeTheSurvey("second");
        second.forEach((turn, trips) -> System.out.printf("BENCHMARK Redis round trips, %s: %d (%s)%n", turn,
                trips.size(), String.join("; ", trips.stream().map(t -> String.join("+", t.commands())).toList())));
        try (UnifiedJedis redis = TestRedis.client(server)) {
            assertThat(redis.hget("signpost:agg:{" + ROUND + "}:meta", "submissions")).isEqualTo("2");
        }
        // the reference with the personal chat's key, "not left" and whether this person stopped announcements,
        // in one pipeline; then in reach; then first contact with what is open; then what the menu under the support
        // card asks (stated cost, this round: a menu offers only what is left for this person): whether they answered
        // the open round, and their sign-ups in each session (the focus groups' index read fresh with them)
        assertThat(fewest(first, second, "install")).containsExactly(List.of("SET", "SET", "SREM", "SISMEMBER"),
                List.of("SADD"), List.of("EVAL"), MENU);
        // the flow pointer (words not understood are pointed back to the card of a flow in progress: an answer typed,
        // not clicked, which only the pointer tells), with what the menu asks (stated cost, as above), in one
        // pipeline; first contact is not asked, as this instance marked the conversation active a moment ago, and
        // what is open was read a moment ago (and the commands each carried, so a read that comes back inside a
        // pipeline fails too)
        assertThat(fewest(first, second, "chatter")).containsExactly(POINTER_AND_MENU);
        // the open round, read fresh for the click, with the progress it names read ahead; then its save with the
        // flow pointer
        assertThat(fewest(first, second, "answer")).containsExactly(List.of("EVAL", "GET"), List.of("EVAL", "SET"));
        // the open round and the progress; the submission; the pointer cleared, with what the menu under the receipt
        // asks of the focus groups (stated cost; that this round is answered, the submission told)
        assertThat(fewest(first, second, "submit")).containsExactly(List.of("EVAL", "GET"), List.of("EVAL"),
                List.of("DEL", "SMEMBERS", "HGET", "HGET"));
        // asked for in words: the open round, read fresh, with the run of the round open a moment ago, whether this
        // person has answered it and the flow pointer
        assertThat(fewest(first, second, "take the survey")).containsExactly(List.of("EVAL", "GET", "SISMEMBER",
                "GET"));
        // the open round and the progress; whether this person has answered with the flow pointer; the save with
        // the pointer
        assertThat(fewest(first, second, "start")).containsExactly(List.of("EVAL", "GET"),
                List.of("SISMEMBER", "GET"), List.of("EVAL", "SET"));
    }

    /** What a menu asks (whether this person answered the open round, their sign-ups in each session), in one pipeline. */
    static final List<String> MENU = List.of("SISMEMBER", "SMEMBERS", "HGET", "HGET");
    /** The flow pointer, with what the menu asks. */
    static final List<String> POINTER_AND_MENU = List.of("GET", "SISMEMBER", "SMEMBERS", "HGET", "HGET");

    @Test
    void aFirstMessageSignpostsAndSoDoesTheFirstAfterTheIdleGapAskingRedisOnlyThen() {
        Endpoint endpoint = new Endpoint(port);
        Activities person = new Activities(connector.serviceUrl(), "29:user-returning", "Returning Person",
                "aad-returning");
        String chat = "a:counted-returning";
        // first contact (seen and noted in one script); what is open was read a moment ago; then what the menu asks
        // (an instance's first read of the sign-ups reads the sessions after the index: two round trips, once)
        List<List<String>> hello = commands(turn(() -> endpoint.post(person.message(chat, "hello")).statusCode()));
        assertThat(hello.get(0)).containsExactly("EVAL");
        assertThat(hello.subList(1, hello.size()).stream().flatMap(List::stream)).containsExactlyElementsOf(MENU);
        assertThat(hello.size()).isBetween(2, 3);
        assertThat(supportCards(chat)).as("the first message signposts").isOne();
        // a moment later, on the instance that marked it: no start, only the flow pointer (words not understood
        // mid-flow are pointed back to the card) with what the menu asks
        assertThat(commands(turn(() -> endpoint.post(person.message(chat, "bananas and rockets")).statusCode())))
                .containsExactly(POINTER_AND_MENU);
        assertThat(supportCards(chat)).isOne();
        // after the idle gap: first contact, with what is open read again, in one pipeline
        clock.advance(Duration.ofHours(12));
        assertThat(commands(turn(() -> endpoint.post(person.message(chat, "hello again")).statusCode())))
                .containsExactly(List.of("EVAL", "EVAL", "ZREVRANGE"), MENU);
        assertThat(supportCards(chat)).as("the first message after the idle gap signposts again").isEqualTo(2);
    }

    /**
     * The typed requests of the owner's chatter that ask Redis for something (docs/benchmarks.md: the texts of the
     * intent evaluation set), each from a person past their first contact: one round trip each, and one more where the
     * reply shows the menu and has no read of its own to make it with; "what do you keep" reads each store it names.
     */
    @Test
    void eachTypedRequestThatAsksRedisTakesItsRoundTrips() {
        Endpoint endpoint = new Endpoint(port);
        Activities person = new Activities(connector.serviceUrl(), "29:user-typed", "Typing Person", "aad-typed");
        String chat = "a:counted-typed";
        assertThat(endpoint.post(person.message(chat, "hello")).statusCode()).isEqualTo(200);
        // the person's opt-out and their chat out of reach
        assertThat(typed(endpoint, person, chat, "please stop the announcements", "announcement.stopped"))
                .containsExactly(List.of("SADD", "SREM"));
        // the opt-out removed, the reference with the personal chat's key, "not left", and in reach
        assertThat(typed(endpoint, person, chat, "please start the announcements again", "announcement.started"))
                .containsExactly(List.of("SREM", "SET", "SET", "SREM", "SADD"));
        // the flow pointer, read (none: nothing to clear), with what the menu asks
        assertThat(typed(endpoint, person, chat, "please cancel", "cancel.nothing"))
                .containsExactly(POINTER_AND_MENU);
        // whether a survey is under way in this chat: the open round, then its progress, and with none whether this
        // person answered the round (stated cost, this round: "what do you keep" names the one-way code); the focus-group sign-up
        // flow's run in this chat, with the focus groups' index read fresh and this person's place and waiting-list
        // sign-up in each session it named when last read (the first read on an instance reads the sessions after
        // it); whether they stopped announcements and whether their chat was removed (stated cost, this round: "what
        // do you keep" names every note kept); then what the menu asks (stated cost, as above)
        typed(endpoint, person, chat, "is this chat being monitored", "privacy.title");
        assertThat(typed(endpoint, person, chat, "are our conversations recorded", "privacy.title"))
                .containsExactly(List.of("EVAL"), List.of("GET"), List.of("SISMEMBER"),
                        List.of("GET", "SMEMBERS", "HGET", "HGET"),
                        List.of("SISMEMBER", "SISMEMBER"), MENU);
        // their sign-ups, then what the menu asks (stated cost, as above)
        assertThat(typed(endpoint, person, chat, "I need to withdraw from my focus group", "focusgroup.withdraw.none"))
                .containsExactly(List.of("SMEMBERS", "HGET", "HGET"), MENU);
        // the run, the sign-ups as above and the flow pointer
        assertThat(typed(endpoint, person, chat, "how do I sign up for a focus group", null))
                .containsExactly(List.of("GET", "SMEMBERS", "HGET", "HGET", "GET"));
    }

    /**
     * Words not understood in a chat where no flow can be in progress (here a channel without cards, where the survey and
     * the focus groups do not run): the flow pointer is not read, nor anything for the menu (it still offers those flows,
     * which say why not), known without a read, as the typed-text check knows it.
     */
    @Test
    void wordsNotUnderstoodAskNothingWhereNoFlowCanBeInProgress() {
        Endpoint endpoint = new Endpoint(port);
        Activities person = new Activities(connector.serviceUrl(), "29:user-text-only", "Text Person", "aad-text-only");
        String chat = "a:counted-text-only";
        assertThat(endpoint.post(textOnly(person.message(chat, "hello"))).statusCode()).isEqualTo(200);
        int before = connector.sentTo(chat).size();
        assertThat(commands(turn(() -> endpoint.post(textOnly(person.message(chat, "bananas and rockets")))
                .statusCode()))).isEmpty();
        List<FakeConnector.Sent> sent = connector.sentTo(chat);
        assertThat(sent.subList(before, sent.size())).as("not understood, with the menu")
                .anySatisfy(message -> assertThat(message.text()).contains(SHIPPED.text("notUnderstood").substring(0, 20),
                        SHIPPED.text("menu.survey")));
    }

    /** The activity from a channel that shows no cards (an SMS bridge, say). */
    private static ObjectNode textOnly(ObjectNode activity) {
        return activity.put("channelId", "sms");
    }

    private List<List<String>> typed(Endpoint endpoint, Activities person, String chat, String text, String reply) {
        int before = connector.sentTo(chat).size();
        List<List<String>> trips = commands(turn(() -> endpoint.post(person.message(chat, text)).statusCode()));
        List<FakeConnector.Sent> sent = connector.sentTo(chat);
        assertThat(sent).as("a reply to \"%s\"", text).hasSizeGreaterThan(before);
        if (reply != null) {
            // its opening words (a card's text is compared as JSON, where a quotation mark is escaped)
            String words = SHIPPED.text(reply).substring(0, 20);
            assertThat(sent.subList(before, sent.size())).as("the reply to \"%s\"", text)
                    .anySatisfy(message -> assertThat(message.text() + message.cardText()).contains(words));
        }
        return trips;
    }

    private static long supportCards(String chat) {
        return connector.sentTo(chat).stream()
                .filter(sent -> sent.isCard() && sent.cardText().contains(SHIPPED.text("support.intro"))).count();
    }

    private static List<List<String>> commands(List<RoundTrip> trips) {
        return trips.stream().map(RoundTrip::commands).toList();
    }

    /** The commands of each round trip of the turn of this kind that took the fewest, over both people. */
    private static List<List<String>> fewest(Map<String, List<RoundTrip>> first, Map<String, List<RoundTrip>> second,
            String kind) {
        return List.of(first, second).stream().flatMap(turns -> turns.entrySet().stream())
                .filter(turn -> turn.getKey().startsWith(kind)).map(Map.Entry::getValue)
                .min(Comparator.comparingInt(List::size)).orElseThrow().stream()
                .map(RoundTrip::commands).toList();
    }

    private Map<String, List<RoundTrip>> takeTheSurvey(String name) {
        Endpoint endpoint = new Endpoint(port);
        Activities person = new Activities(connector.serviceUrl(), "29:user-" + name, "Counted Person", "aad-" + name);
        String chat = "a:counted-" + name;
        Map<String, List<RoundTrip>> turns = new LinkedHashMap<>();
        turns.put("install", turn(() -> endpoint.post(person.installationUpdate(chat, "add")).statusCode()));
        turns.put("first message", turn(() -> endpoint.post(person.message(chat, "hello")).statusCode()));
        turns.put("chatter", turn(() -> endpoint.post(person.message(chat, "what is the weather on mars")).statusCode()));
        turns.put("chatter again", turn(() -> endpoint.post(person.message(chat, "bananas and rockets")).statusCode()));
        turns.put("take the survey (typed)", turn(() -> endpoint.post(person.message(chat, "take the survey"))
                .statusCode()));
        turns.put("start (card)", turn(() -> endpoint.post(person.button(chat, SurveyRespondent.step(ROUND, "start")))
                .statusCode()));
        for (int i = 0; i < SURVEY.size(); i++) {
            SurveyDefinition.Question question = SURVEY.questions().get(i);
            Map<String, String> click = SurveyRespondent.step(ROUND, "answer");
            click.put("question", question.id());
            if (question.type() == SurveyDefinition.Type.FREETEXT) {
                click.put("freeText", "we need more time");
            } else {
                click.put("answer", question.optionIds().get(0));
            }
            turns.put("answer " + (i + 1) + " (card)", turn(() -> endpoint.post(person.button(chat, click)).statusCode()));
        }
        turns.put("submit (card)", turn(() -> endpoint.post(person.button(chat, SurveyRespondent.step(ROUND, "submit")))
                .statusCode()));
        turns.put("chatter after", turn(() -> endpoint.post(person.message(chat, "bananas again")).statusCode()));
        return turns;
    }

    private List<RoundTrip> turn(Supplier<Integer> post) {
        int mark = counter.mark();
        assertThat(post.get()).isEqualTo(200);
        return counter.since(mark);
    }
}
