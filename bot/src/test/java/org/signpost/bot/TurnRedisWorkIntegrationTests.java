package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.UnifiedJedis;

/**
 * The Redis work of each kind of turn the load harness sends (typed chatter, a survey card click, the
 * submission), counted from Redis's MONITOR feed: the commands clients send (each a round trip, unless
 * pipelined) and those run inside scripts. Printed for docs/benchmarks.md, and bounded here so that a
 * turn does not quietly grow round trips.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TurnRedisWorkIntegrationTests {

    static final LocalTrial trial = new LocalTrial("signpost-turn-redis");
    static final String ROUND = "trial";
    static final SurveyDefinition SURVEY = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trial.register(registry);
        registry.add("signpost.survey.rounds[0].id", () -> ROUND);
        registry.add("signpost.survey.rounds[0].survey", () -> "staff-survey");
        registry.add("signpost.survey.rounds[0].state", () -> "open");
    }

    @AfterAll
    static void stop() {
        trial.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    UnifiedJedis redis;

    /** What one turn asked of Redis. */
    record Work(List<String> commands, List<String> inScripts, int openRoundReads) {
        int roundTrips() {
            return commands.size();
        }
    }

    @Test
    void eachKindOfTurnTakesFewRoundTrips() {
        Map<String, Work> first;
        Map<String, Work> second;
        try (MonitorCapture monitor = new MonitorCapture(Integer.parseInt(config("port")), config("requirepass"), redis)) {
            first = takeTheSurvey(monitor, "first");
            second = takeTheSurvey(monitor, "second");
        }
        first.forEach((kind, w) -> System.out.printf("BENCHMARK turn Redis work, %s: %d round trips (%s), %d commands in"
                + " scripts, %d reads of the open round%n", kind, w.roundTrips(), String.join(", ", w.commands()),
                w.inScripts().size(), w.openRoundReads()));
        assertThat(redis.hget("signpost:agg:{" + ROUND + "}:meta", "submissions")).isEqualTo("2");
        // the open round is read at most once a turn (not at all while this instance's last read is fresh; a slow
        // machine may let it go stale between two turns)
        assertThat(first.values()).allSatisfy(w -> assertThat(w.openRoundReads()).isLessThanOrEqualTo(1));
        assertThat(second.values()).allSatisfy(w -> assertThat(w.openRoundReads()).isLessThanOrEqualTo(1));
        // MONITOR shows every client, the app's timers too (broadcast polls, pool checks): each bound is on the
        // fewest a kind of turn took, over two people and the turns of that kind each took
        // first contact, the focus groups' "any session open?", the flow pointer
        assertThat(fewest(first, second, "chatter")).isLessThanOrEqualTo(3);
        // and for a card: first contact, the progress read, its save, the flow pointer
        assertThat(fewest(first, second, "answer")).isLessThanOrEqualTo(4);
        assertThat(fewest(first, second, "submit")).isLessThanOrEqualTo(5);
    }

    private static int fewest(Map<String, Work> first, Map<String, Work> second, String kind) {
        return Stream.of(first, second).flatMap(work -> work.entrySet().stream())
                .filter(entry -> entry.getKey().startsWith(kind)).mapToInt(entry -> entry.getValue().roundTrips())
                .min().orElseThrow();
    }

    private Map<String, Work> takeTheSurvey(MonitorCapture monitor, String name) {
        Endpoint endpoint = new Endpoint(port);
        Activities person = new Activities(trial.connector().serviceUrl(), "29:user-" + name, "Counted Person",
                "aad-" + name);
        String chat = "a:counted-" + name;
        Map<String, Work> work = new LinkedHashMap<>();
        work.put("install", turn(monitor, () -> endpoint.post(person.installationUpdate(chat, "add"))));
        work.put("first message", turn(monitor, () -> endpoint.post(person.message(chat, "hello"))));
        work.put("chatter", turn(monitor, () -> endpoint.post(person.message(chat, "what is this survey about"))));
        work.put("chatter again", turn(monitor, () -> endpoint.post(person.message(chat, "thank you"))));
        work.put("take the survey (card)", turn(monitor, () -> endpoint.post(person.button(chat,
                Map.of("signpost", "survey")))));
        work.put("start (card)", turn(monitor, () -> endpoint.post(person.button(chat,
                SurveyRespondent.step(ROUND, "start")))));
        for (int i = 0; i < SURVEY.size(); i++) {
            SurveyDefinition.Question question = SURVEY.questions().get(i);
            Map<String, String> click = SurveyRespondent.step(ROUND, "answer");
            click.put("question", question.id());
            if (question.type() == SurveyDefinition.Type.FREETEXT) {
                click.put("freeText", "we need more time");
            } else {
                click.put("answer", question.optionIds().get(0));
            }
            work.put(i == 0 ? "answer (card)" : "answer " + (i + 1) + " (card)",
                    turn(monitor, () -> endpoint.post(person.button(chat, click))));
        }
        work.put("submit (card)", turn(monitor, () -> endpoint.post(person.button(chat,
                SurveyRespondent.step(ROUND, "submit")))));
        work.put("chatter after", turn(monitor, () -> endpoint.post(person.message(chat, "thanks"))));
        return work;
    }

    private Work turn(MonitorCapture monitor, Runnable post) {
        int before = monitor.lines(redis).size();
        post.run();
        List<String> lines = monitor.lines(redis);
        List<String> commands = new ArrayList<>();
        List<String> inScripts = new ArrayList<>();
        int openRoundReads = 0;
        for (String line : lines.subList(before, lines.size())) {
            if (line.contains("monitor-capture-")) {
                continue;
            }
            if (!line.contains(" lua]") && line.contains("{rounds}:open")) {
                openRoundReads++;
            }
            String command = commandOf(line);
            (line.contains(" lua]") ? inScripts : commands).add(command);
        }
        return new Work(commands, inScripts, openRoundReads);
    }

    private String config(String name) {
        return redis.configGet(name).get(name);
    }

    /** The command's name only (MONITOR shows its arguments too, which a report must not repeat). */
    private static String commandOf(String line) {
        int at = line.indexOf("] \"");
        if (at < 0) {
            return line;
        }
        int end = line.indexOf('"', at + 3);
        return line.substring(at + 3, end).toUpperCase();
    }
}
