package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyDefinition.Question;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Many people take the default survey in a local trial, over real HTTP with the embedded Redis. Then
 * every counter is checked against an independent tally, and everything stored, in Redis and on disk,
 * is scanned against the keyspace rules: only aggregates may remain of anyone's answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SurveyIntegrationTests {

    static final String ROUND = "trial";
    static final int RESPONDENTS = 30;
    static final SurveyDefinition SURVEY = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");
    static final LocalTrial trial = new LocalTrial("signpost-survey");
    static final FakeConnector connector = trial.connector();
    static final Path data = trial.data();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trial.register(registry);
    }

    @AfterAll
    static void stop() {
        trial.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    UnifiedJedis redis;

    record Person(String userId, String name, String aadObjectId, String conversationId) {
    }

    @Test
    void manyRespondentsLeaveExactTotalsAndNothingThatTiesAnAnswerToAPerson() throws Exception {
        Random random = new Random(20260205);
        Map<String, Map<String, Long>> expected = new HashMap<>();
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < RESPONDENTS; i++) {
            Person person = new Person("29:user-" + i + "-x7", "Person Number" + i, "aad-" + i + "-q3",
                    "a:conversation-" + i + "-z9");
            people.add(person);
            Map<String, String> answers = randomAnswers(random);
            tally(expected, answers);
            Endpoint endpoint = new Endpoint(port);
            new SurveyRespondent(endpoint, new Activities(connector.serviceUrl(), person.userId(), person.name(),
                    person.aadObjectId()), person.conversationId()).answer(ROUND, SURVEY, answers);
            assertThat(connector.sentTo(person.conversationId()).stream().map(FakeConnector.Sent::text))
                    .anyMatch(text -> text.equals("Thank you. " + answers.size()
                            + " answers were added to the totals; nothing else about you was kept."));
            // answering with buttons never looks like a crisis: option codes such as "no" are not words
            assertThat(connector.sentTo(person.conversationId()).stream().map(FakeConnector.Sent::cardText))
                    .noneMatch(card -> card.contains("You don't have to face this alone"));
        }

        assertCountersMatch(expected);
        TestRedis.awaitAppendOnlyRewrite(redis);
        scanRedis(people);
        scanDataFolder(people);
    }

    private void assertCountersMatch(Map<String, Map<String, Long>> expected) {
        List<String> hashes = scan("signpost:agg:*").stream().filter(key -> !key.endsWith(":meta")).toList();
        assertThat(hashes).isNotEmpty();
        for (String key : hashes) {
            String hash = key.substring("signpost:agg:{trial}:".length());
            Map<String, Long> want = expected.getOrDefault(hash, Map.of());
            redis.hgetAll(key).forEach((field, count) ->
                    assertThat(Long.parseLong(count)).as("%s %s", hash, field).isEqualTo(want.getOrDefault(field, 0L)));
            assertThat(redis.hgetAll(key).keySet()).as(hash).containsAll(want.keySet());
        }
        assertThat(redis.hget("signpost:agg:{trial}:all", "responses")).isEqualTo(Integer.toString(RESPONDENTS));
        assertThat(redis.hget("signpost:agg:{trial}:meta", "submissions")).isEqualTo(Integer.toString(RESPONDENTS));
    }

    private void scanRedis(List<Person> people) {
        Pattern aggKey = Pattern.compile("signpost:agg:\\{trial\\}:(meta|all|by:[a-z0-9-]+:[a-z0-9-]+)");
        Pattern number = Pattern.compile("\\d{1,6}");
        List<String> identifiers = identifiers(people);
        for (String key : scan("signpost:*")) {
            String keyspace = key.split(":")[1];
            switch (keyspace) {
                case "agg" -> {
                    assertThat(key).matches(aggKey);
                    redis.hgetAll(key).forEach((field, value) -> {
                        if (key.endsWith(":meta")) {
                            assertThat(field).isIn("state", "structure", "submissions");
                        } else {
                            assertThat(value).as("counters only").matches(number);
                        }
                    });
                }
                case "resp" -> {
                    assertThat(key).isEqualTo("signpost:resp:{trial}");
                    Set<String> tokens = redis.smembers(key);
                    assertThat(tokens).hasSize(RESPONDENTS).allMatch(token -> token.matches("[0-9a-f]{64}"));
                }
                case "conv" -> {
                    assertThat(key).matches("signpost:conv:\\{msteams/a:conversation-\\d+-z9}:active");
                    assertThat(redis.get(key)).as("a last-active time, nothing else").matches("\\d{13}");
                }
                default -> throw new AssertionError("A key outside the keyspaces this flow may write: " + key);
            }
            if (keyspace.equals("agg") || keyspace.equals("resp")) {
                String stored = key + redis.dump(key).length + String.join(",", keyspace.equals("agg")
                        ? redis.hgetAll(key).entrySet().stream().map(Object::toString).toList()
                        : List.copyOf(redis.smembers(key)));
                for (String identifier : identifiers) {
                    assertThat(stored).doesNotContain(identifier);
                }
            }
        }
        assertThat(scan("signpost:progress:*")).as("no answers left in progress").isEmpty();
    }

    /** The disk is part of the store: after the rewrite the append-only file holds totals, not submissions. */
    private void scanDataFolder(List<Person> people) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(content).as(file.getFileName().toString()).doesNotContain("HINCRBY", "hincrby", "progress:");
            for (Person person : people) {
                assertThat(content).doesNotContain(person.userId(), person.name(), person.aadObjectId());
            }
        }
    }

    private static Map<String, String> randomAnswers(Random random) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (Question question : SURVEY.questions()) {
            // free text is reduced to themes by the language models, measured in their own tests
            if (question.type() != SurveyDefinition.Type.FREETEXT && random.nextInt(100) >= 15) {
                List<String> options = question.optionIds();
                answers.put(question.id(), options.get(random.nextInt(options.size())));
            }
        }
        return answers;
    }

    /** An independent tally of what the totals must be: marginals overall and per grouping value. */
    private static void tally(Map<String, Map<String, Long>> expected, Map<String, String> answers) {
        add(expected, "all", "responses");
        answers.forEach((question, option) -> add(expected, "all", question + ":" + option));
        for (Question grouping : SURVEY.questions()) {
            String value = answers.get(grouping.id());
            if (!grouping.grouping() || value == null) {
                continue;
            }
            String group = "by:" + grouping.id() + ":" + value;
            add(expected, group, "responses");
            answers.forEach((question, option) -> {
                if (!SURVEY.question(question).orElseThrow().grouping()) {
                    add(expected, group, question + ":" + option);
                }
            });
        }
    }

    private static void add(Map<String, Map<String, Long>> expected, String hash, String field) {
        expected.computeIfAbsent(hash, h -> new HashMap<>()).merge(field, 1L, Long::sum);
    }

    private static List<String> identifiers(List<Person> people) {
        List<String> identifiers = new ArrayList<>();
        for (Person person : people) {
            identifiers.addAll(List.of(person.userId(), person.name(), person.aadObjectId(), person.conversationId(),
                    "conversation-", "take the survey"));
        }
        return identifiers;
    }

    private List<String> scan(String pattern) {
        List<String> keys = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, new ScanParams().match(pattern).count(500));
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return keys;
    }

}
