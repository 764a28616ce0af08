package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.signpost.bot.RoundTripCounter.RoundTrip;
import org.signpost.bot.redis.EmbeddedRedis;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.kernel.MutableClock;
import org.signpost.dialogs.survey.RoundRegistry;
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
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TurnRoundTripsIntegrationTests {

    static final Path folder = TestRedis.tempFolder("signpost-round-trips");
    static final EmbeddedRedis server = EmbeddedRedis.start(folder.resolve("redis"));
    static final RoundTripCounter counter = new RoundTripCounter(server.port());
    static final FakeConnector connector = new FakeConnector();
    static final SurveyDefinition SURVEY = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");
    static final String ROUND = "trial";
    static final Wording SHIPPED = new Messages(ContentFolder.shipped()).wording("en-GB");
    /** How long an instance reuses what a person's menu read or learnt (signpost.redis.reuse-menu-reads). */
    static final Duration WINDOW = Duration.ofSeconds(10);

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
        registry.add("signpost.redis.reuse-menu-reads", () -> WINDOW.toString());
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
    @Order(1)
    void eachKindOfTurnTakesExactlyItsRoundTrips() {
        long before = submissions();
        Map<String, List<RoundTrip>> first = takeTheSurvey("first");
        Map<String, List<RoundTrip>> second = takeTheSurvey("second");
        second.forEach((turn, trips) -> System.out.printf("BENCHMARK Redis round trips, %s: %d (%s)%n", turn,
                trips.size(), String.join("; ", trips.stream().map(t -> String.join("+", t.commands())).toList())));
        assertThat(submissions()).isEqualTo(before + 2);
        // the menu under the receipt, and the next turns' here, no longer offer the round just answered
        assertThat(lastMenu("a:counted-first")).doesNotContain(SHIPPED.text("menu.survey"));
        // the reference with the personal chat's key, "not left" and whether this person stopped announcements,
        // in one pipeline; then in reach; then first contact with what is open; then what the menu under the support
        // card asks (stated cost, this round: a menu offers only what is left for this person): whether they answered
        // the open round, and their sign-ups in each session (the focus groups' index read fresh with them)
        assertThat(fewest(first, second, "install")).containsExactly(List.of("SET", "SET", "SREM", "SISMEMBER"),
                List.of("SADD"), List.of("EVAL"), MENU);
        // the flow pointer (words not understood are pointed back to the card of a flow in progress: an answer typed,
        // not clicked, which only the pointer tells); what the menu asks is known from the menu of a moment ago on
        // this instance, first contact is not asked, as this instance marked the conversation active a moment ago,
        // and what is open was read a moment ago (and the commands each carried, so a read that comes back inside a
        // pipeline fails too)
        assertThat(fewest(first, second, "chatter")).containsExactly(POINTER);
        // the open round, read fresh for the click, with the progress it names read ahead; then its save with the
        // flow pointer
        assertThat(fewest(first, second, "answer")).containsExactly(List.of("EVAL", "GET"), List.of("EVAL", "SET"));
        // the open round and the progress; the submission; the pointer cleared (what the menu under the receipt
        // asks is known: this round answered, the submission told; the focus groups, from a moment ago)
        assertThat(fewest(first, second, "submit")).containsExactly(List.of("EVAL", "GET"), List.of("EVAL"),
                List.of("DEL"));
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
    /** The flow pointer alone. */
    static final List<String> POINTER = List.of("GET");
    /** What is open, read again once the instance's read of a moment ago is past (the open round, the sessions). */
    static final List<String> OPEN = List.of("EVAL", "ZREVRANGE");

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
        // mid-flow are pointed back to the card); what the menu asks it read a moment ago
        assertThat(commands(turn(() -> endpoint.post(person.message(chat, "bananas and rockets")).statusCode())))
                .containsExactly(POINTER);
        assertThat(supportCards(chat)).isOne();
        // after the idle gap: first contact, with what is open read again, in one pipeline; then what the menu asks,
        // long past the moment it was read
        clock.advance(Duration.ofHours(12));
        assertThat(commands(turn(() -> endpoint.post(person.message(chat, "hello again")).statusCode())))
                .containsExactly(List.of("EVAL", "EVAL", "ZREVRANGE"), MENU);
        assertThat(supportCards(chat)).as("the first message after the idle gap signposts again").isEqualTo(2);
    }

    /**
     * The typed requests of the owner's chatter that ask Redis for something (docs/benchmarks.md: the texts of the
     * intent evaluation set), each from a person past their first contact: one round trip each, what the menu asks
     * known from a moment ago on this instance, else made with the request's own reads; "what do you keep" reads
     * each store it names, all at once.
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
        // the flow pointer, read (none: nothing to clear); what the menu asks is known
        assertThat(typed(endpoint, person, chat, "please cancel", "cancel.nothing")).containsExactly(POINTER);
        // a survey answer typed, not pressed: the flow pointer (none in progress: said so, with the menu), as cancel
        assertThat(typed(endpoint, person, chat, "strongly agree", "survey.typedAnswer.open")).containsExactly(POINTER);
        // in one pipeline: the open round, read fresh, with what the round open a moment ago holds of this chat
        // (progress) and of this person (whether their one-way code answered it); the focus-group sign-up flow's run
        // in this chat, with the focus groups' index read fresh and this person's place and waiting-list sign-up in
        // each session it named when last read; whether they stopped announcements and whether their chat was
        // removed; what the menu asks is known
        assertThat(typed(endpoint, person, chat, "are our conversations recorded", "privacy.title"))
                .containsExactly(PRIVACY);
        // their sign-ups; what the menu asks is known
        assertThat(typed(endpoint, person, chat, "I need to withdraw from my focus group", "focusgroup.withdraw.none"))
                .containsExactly(SIGN_UPS);
        // the run, the sign-ups as above and the flow pointer
        assertThat(typed(endpoint, person, chat, "how do I sign up for a focus group", null))
                .containsExactly(List.of("GET", "SMEMBERS", "HGET", "HGET", "GET"));
        // past the moment: what is open read again; then each request's reads with what the menu asks, together
        clock.advance(WINDOW);
        assertThat(typed(endpoint, person, chat, "are our conversations recorded", "privacy.title"))
                .containsExactly(OPEN, concat(PRIVACY, MENU));
        clock.advance(WINDOW);
        assertThat(typed(endpoint, person, chat, "I need to withdraw from my focus group", "focusgroup.withdraw.none"))
                .containsExactly(OPEN, concat(SIGN_UPS, MENU));
        clock.advance(WINDOW);
        assertThat(typed(endpoint, person, chat, "please cancel", "cancel.nothing")).containsExactly(OPEN,
                POINTER_AND_MENU);
        clock.advance(WINDOW);
        assertThat(typed(endpoint, person, chat, "strongly agree", "survey.typedAnswer.open")).containsExactly(OPEN,
                POINTER_AND_MENU);
    }

    /** "What do you keep": every store it names, in one pipeline (above). */
    static final List<String> PRIVACY = List.of("EVAL", "GET", "SISMEMBER", "GET", "SMEMBERS", "HGET", "HGET",
            "SISMEMBER", "SISMEMBER");
    /** This person's sign-ups: the focus groups' index, their place and waiting-list sign-up in each session. */
    static final List<String> SIGN_UPS = List.of("SMEMBERS", "HGET", "HGET");

    private static List<String> concat(List<String> first, List<String> then) {
        return java.util.stream.Stream.concat(first.stream(), then.stream()).toList();
    }

    /**
     * A reply with the menu and no read of its own (a greeting) asks Redis nothing while what the menu read a moment
     * ago on this instance is fresh; past the window it asks again (with what is open, read again too).
     */
    @Test
    void aGreetingAsksNothingWhileTheMenuOfAMomentAgoIsFreshAndAsksAgainAfter() {
        Endpoint endpoint = new Endpoint(port);
        Activities person = new Activities(connector.serviceUrl(), "29:user-greeting", "Greeting Person",
                "aad-greeting");
        String chat = "a:counted-greeting";
        assertThat(commands(turn(() -> endpoint.post(person.message(chat, "hello")).statusCode())).get(0))
                .containsExactly("EVAL");
        assertThat(typed(endpoint, person, chat, "hi there", "greeting.reply")).isEmpty();
        clock.advance(WINDOW.minusMillis(1));
        assertThat(typed(endpoint, person, chat, "good morning", "greeting.reply")).containsExactly(OPEN);
        clock.advance(Duration.ofMillis(1));
        assertThat(typed(endpoint, person, chat, "hi there", "greeting.reply")).containsExactly(MENU);
        assertThat(typed(endpoint, person, chat, "good morning", "greeting.reply")).isEmpty();
        assertThat(lastMenu(chat)).contains(SHIPPED.text("menu.survey"), SHIPPED.text("menu.focusgroup"));
    }

    /**
     * A person's own sign-up and withdrawal on this instance change their menu at once, with no read of its own in
     * the turns after: signed up for every session (the trial has one), "Withdraw" stands in for "Join"; withdrawn,
     * "Join" is back.
     */
    @Test
    void ownSignUpsAndWithdrawalsChangeTheMenuAtOnce() {
        Endpoint endpoint = new Endpoint(port);
        Activities person = new Activities(connector.serviceUrl(), "29:user-own", "Own Person", "aad-own");
        String chat = "a:memo-own";
        String join = SHIPPED.text("menu.focusgroup");
        String withdraw = SHIPPED.text("menu.focusgroup-withdraw");
        assertThat(endpoint.post(person.message(chat, "hello")).statusCode()).isEqualTo(200);
        assertThat(lastMenu(chat)).contains(join).doesNotContain(withdraw);
        FocusGroupVolunteer volunteer = new FocusGroupVolunteer(endpoint, person, chat, connector);
        // the one session taking sign-ups (the trial's)
        String session = volunteer.signUp().replace("/wait", "");
        assertThat(lastMenu(chat)).as("under the receipt").contains(withdraw).doesNotContain(join);
        assertThat(typed(endpoint, person, chat, "hi there", "greeting.reply")).isEmpty();
        assertThat(lastMenu(chat)).as("signed up for every session").contains(withdraw).doesNotContain(join);
        assertThat(endpoint.post(person.button(chat, Map.of("signpost", "focusgroup-withdraw", "round", session)))
                .statusCode()).isEqualTo(200);
        assertThat(lastMenu(chat)).as("under the withdrawal").contains(join).doesNotContain(withdraw);
        assertThat(typed(endpoint, person, chat, "hi there", "greeting.reply")).isEmpty();
        assertThat(lastMenu(chat)).contains(join).doesNotContain(withdraw);
    }

    /**
     * A change this instance did not make (here the same person answering in another chat, as on another instance)
     * shows on the menu only once the window is past; asking for the survey meanwhile reads fresh, is told it is
     * answered, and its menu knows it from then on.
     */
    @Test
    void aChangeMadeElsewhereShowsOnTheMenuAfterTheWindowAndAskingReadsFresh() {
        Endpoint endpoint = new Endpoint(port);
        Activities person = new Activities(connector.serviceUrl(), "29:user-elsewhere", "Elsewhere Person",
                "aad-elsewhere");
        String here = "a:memo-here";
        String asking = "a:memo-asking";
        String survey = SHIPPED.text("menu.survey");
        assertThat(endpoint.post(person.message(here, "hello")).statusCode()).isEqualTo(200);
        assertThat(endpoint.post(person.message(asking, "hello")).statusCode()).isEqualTo(200);
        assertThat(lastMenu(here)).contains(survey);
        takeTheSurvey(endpoint, person, "a:memo-there");
        assertThat(typed(endpoint, person, here, "hi there", "greeting.reply")).isEmpty();
        assertThat(lastMenu(here)).as("within the window").contains(survey);
        typed(endpoint, person, asking, "take the survey", "survey.alreadyResponded");
        assertThat(lastMenu(asking)).doesNotContain(survey);
        assertThat(typed(endpoint, person, asking, "hi there", "greeting.reply")).isEmpty();
        assertThat(lastMenu(asking)).doesNotContain(survey);
        clock.advance(WINDOW);
        assertThat(typed(endpoint, person, here, "hi there", "greeting.reply")).containsExactly(OPEN, MENU);
        assertThat(lastMenu(here)).as("past the window").doesNotContain(survey);
    }

    /**
     * A new round HR opens is never answered from what was kept of the round before: the menu asks about it at once
     * (with what is open read again), and offers it to someone who answered the old one a moment ago. Last: the round
     * the other tests take is closed.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void aNewRoundIsAskedAboutAtOnce() {
        Endpoint endpoint = new Endpoint(port);
        Activities person = new Activities(connector.serviceUrl(), "29:user-new-round", "New Round Person",
                "aad-new-round");
        String chat = "a:memo-new-round";
        String survey = SHIPPED.text("menu.survey");
        takeTheSurvey(endpoint, person, chat);
        assertThat(typed(endpoint, person, chat, "hi there", "greeting.reply")).isEmpty();
        assertThat(lastMenu(chat)).doesNotContain(survey);
        assertThat(rounds.close(ROUND).done()).isTrue();
        assertThat(rounds.create(ROUND + "-next", SURVEY.id(), Optional.empty(), Optional.empty(), clock.instant())
                .done()).isTrue();
        // past the moment what is open is reused (a second), well within the menu's window
        clock.advance(Duration.ofSeconds(2));
        assertThat(typed(endpoint, person, chat, "hi there", "greeting.reply")).containsExactly(OPEN,
                List.of("SISMEMBER"));
        assertThat(lastMenu(chat)).contains(survey);
    }

    @Autowired
    RoundRegistry rounds;

    /** The text of the last card sent to the chat that shows the menu. */
    private static String lastMenu(String chat) {
        String title = SHIPPED.text("menu.title");
        List<FakeConnector.Sent> sent = connector.sentTo(chat);
        for (int i = sent.size() - 1; i >= 0; i--) {
            String text = sent.get(i).text() + sent.get(i).cardText();
            if (text.contains(title)) {
                return text;
            }
        }
        throw new AssertionError("no menu sent to " + chat);
    }

    private static long submissions() {
        try (UnifiedJedis redis = TestRedis.client(server)) {
            String count = redis.hget("signpost:agg:{" + ROUND + "}:meta", "submissions");
            return count == null ? 0 : Long.parseLong(count);
        }
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
        return takeTheSurvey(new Endpoint(port), new Activities(connector.serviceUrl(), "29:user-" + name,
                "Counted Person", "aad-" + name), "a:counted-" + name);
    }

    private Map<String, List<RoundTrip>> takeTheSurvey(Endpoint endpoint, Activities person, String chat) {
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
