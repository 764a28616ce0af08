package org.signpost.bot.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.signpost.bot.Activities;
import org.signpost.bot.AppendOnlyFiles;
import org.signpost.bot.Endpoint;
import org.signpost.bot.FakeConnector;
import org.signpost.bot.MonitorCapture;
import org.signpost.bot.SurveyRespondent;
import org.signpost.bot.TestRedis;
import org.signpost.bot.keys.AppKeys;
import org.signpost.dialogs.kernel.MutableClock;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.RespondentTokens;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyDefinition.Question;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import redis.clients.jedis.UnifiedJedis;

/**
 * Many people take the survey over real HTTP: some submit, some cancel, some leave it half done; some
 * type into the chat on the way. Then, before any rewrite of the append-only file and again after the
 * timer's rewrite (the clock is moved, nothing waits for it), everything an attacker could hold is
 * scanned: every Redis key and value, a MONITOR capture of the whole run, and every file in Redis's data
 * folder. None holds an id, a name or anyone's words; question and option ids appear only as counters;
 * and nothing there can be joined to a person without the app's keys (no plain id, no unkeyed hash of
 * one), while with the keys the joins are there to make (so the scan looks in the right places).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "signpost.survey.rewrite-every=1000")
abstract class SurveyPrivacyScan {

    static final String ROUND = "trial";
    static final int PEOPLE = 30;
    static final SurveyDefinition SURVEY = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");
    static final Pattern COUNTER_KEY = Pattern.compile("signpost:agg:\\{trial}:(meta|all|by:[a-z0-9-]+:[a-z0-9-]+)");

    /** The timer's clock, moved by the test. */
    @TestConfiguration
    static class MovedClock {
        @Bean
        @Primary
        MutableClock movedClock() {
            return new MutableClock();
        }
    }

    enum Ending { SUBMITS, CANCELS, ABANDONS }

    record Person(int number, String userId, String name, String aadObjectId, String conversationId, String words,
            String typed, Ending ending) {
    }

    @LocalServerPort
    int port;

    @Autowired
    UnifiedJedis redis;

    @Autowired
    AppendOnlyRewrites rewrites;

    @Autowired
    MutableClock clock;

    abstract FakeConnector connector();

    /** Redis's data folder, as an attacker holding it or a backup of it would. */
    abstract Path redisDataFolder();

    /** The keys the app runs with (the test uses them only to show the joins need them). */
    abstract AppKeys appKeys();

    @Test
    void manyPeopleSubmitCancelAndAbandonAndNothingLeadsToAnyoneBeforeOrAfterTheRewrite() {
        Map<String, Map<String, Long>> expected = new HashMap<>();
        List<Person> people = new ArrayList<>();
        Random random = new Random(20260205);
        try (MonitorCapture monitor = new MonitorCapture(redisPort(), redisPassword(), redis)) {
            for (int i = 0; i < PEOPLE; i++) {
                Person person = new Person(i, "29:user-" + i + "-x7q", "Person Number" + i + " Qz", "aad-" + i + "-q3w",
                        "a:conversation-" + i + "-z9k", "we are always short staffed, canaryword" + i + " says so",
                        "typed-canary-" + i + " my manager never listens", Ending.values()[i % 3]);
                people.add(person);
                take(person, random, expected);
            }
            assertCountersMatch(expected, people);

            AppendOnlyFiles before = AppendOnlyFiles.read(redisDataFolder());
            assertThat(counterWrites(before)).as("before the rewrite, the file still holds each submission")
                    .isGreaterThanOrEqualTo(submitted(people));
            scan(people, monitor.lines(redis), before);

            clock.advance(Duration.ofMinutes(10));
            rewrites.tick();
            assertThat(rewrites.due()).isEmpty();
            awaitRewrite();
            AppendOnlyFiles after = AppendOnlyFiles.read(redisDataFolder());
            assertThat(after.commands()).as("after it, only the current state").noneMatch(command ->
                    command.get(0).equalsIgnoreCase("MULTI") || command.get(0).equalsIgnoreCase("DEL"));
            scan(people, monitor.lines(redis), after);
        }
    }

    private void take(Person person, Random random, Map<String, Map<String, Long>> expected) {
        Endpoint endpoint = new Endpoint(port);
        Activities activities = new Activities(connector().serviceUrl(), person.userId(), person.name(),
                person.aadObjectId());
        String conversation = person.conversationId();
        ok(endpoint.post(activities.installationUpdate(conversation, "add")).statusCode());
        ok(endpoint.post(activities.message(conversation, "take the survey")).statusCode());
        ok(endpoint.post(activities.button(conversation, SurveyRespondent.step(ROUND, "start"))).statusCode());
        Map<String, String> answers = new LinkedHashMap<>();
        int stopAt = person.ending() == Ending.SUBMITS ? SURVEY.size() : 4 + random.nextInt(SURVEY.size() - 6);
        for (int index = 0; index < stopAt; index++) {
            Question question = SURVEY.questions().get(index);
            if (index == 2) {
                // typed into the chat mid-survey: never an answer, never kept
                ok(endpoint.post(activities.message(conversation, person.typed())).statusCode());
            }
            Map<String, String> click = SurveyRespondent.step(ROUND, "answer");
            click.put("question", question.id());
            if (question.type() == SurveyDefinition.Type.FREETEXT) {
                click.put("freeText", person.words());
            } else if (random.nextInt(100) < 15) {
                click.put("step", "skip");
            } else {
                String option = question.optionIds().get(random.nextInt(question.optionIds().size()));
                click.put("answer", option);
                answers.put(question.id(), option);
            }
            ok(endpoint.post(activities.button(conversation, click)).statusCode());
        }
        switch (person.ending()) {
            case SUBMITS -> {
                ok(endpoint.post(activities.button(conversation, SurveyRespondent.step(ROUND, "submit"))).statusCode());
                assertThat(connector().sentTo(conversation).stream().map(FakeConnector.Sent::text))
                        .anyMatch(text -> text.startsWith("Thank you."));
                tally(expected, answers);
            }
            case CANCELS -> ok(endpoint.post(activities.button(conversation, SurveyRespondent.step(ROUND, "cancel")))
                    .statusCode());
            case ABANDONS -> {
            }
        }
    }

    private void assertCountersMatch(Map<String, Map<String, Long>> expected, List<Person> people) {
        for (String hash : CounterLayout.allFields(SURVEY).keySet()) {
            Map<String, String> stored = redis.hgetAll("signpost:agg:{trial}:" + hash);
            Map<String, Long> want = expected.getOrDefault(hash, Map.of());
            stored.forEach((field, count) -> {
                if (!field.startsWith("anything-else:")) {
                    assertThat(Long.parseLong(count)).as("%s %s", hash, field).isEqualTo(want.getOrDefault(field, 0L));
                }
            });
        }
        long themes = redis.hgetAll("signpost:agg:{trial}:all").entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("anything-else:"))
                .mapToLong(entry -> Long.parseLong(entry.getValue())).sum();
        assertThat(themes).as("each free-text answer counted as one theme or more").isGreaterThanOrEqualTo(submitted(people));
        assertThat(redis.hget("signpost:agg:{trial}:all", "responses")).isEqualTo(Long.toString(submitted(people)));
        assertThat(redis.hget("signpost:agg:{trial}:meta", "trial")).as("counted in a trial").isEqualTo("1");
    }

    /** Every place an attacker might look, against every rule. */
    private void scan(List<Person> people, List<String> monitorLines, AppendOnlyFiles disk) {
        List<String> forbidden = new ArrayList<>();
        for (Person person : people) {
            forbidden.addAll(List.of(person.userId(), person.name(), person.aadObjectId(), person.conversationId(),
                    "canaryword" + person.number(), "typed-canary-" + person.number(), "short staffed"));
            // what anyone could compute from a conversation reference or a staff list, without the keys
            for (String id : List.of(person.userId(), person.aadObjectId(), person.conversationId(),
                    "msteams/" + person.conversationId(), "trial:msteams:" + person.aadObjectId(),
                    "aad:" + person.aadObjectId())) {
                for (String algorithm : List.of("SHA-256", "SHA-1", "MD5")) {
                    byte[] digest = digest(algorithm, id);
                    forbidden.add(HexFormat.of().formatHex(digest));
                    forbidden.add(new String(digest, StandardCharsets.ISO_8859_1));
                }
                forbidden.add(Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8)));
            }
        }
        AppKeys keys = appKeys();
        forbidden.add(new String(keys.respondentTokenKey(), StandardCharsets.ISO_8859_1));
        forbidden.add(HexFormat.of().formatHex(keys.respondentTokenKey()));

        Map<String, String> redisContent = TestRedis.contentOf(redis);
        redisContent.forEach((key, value) -> {
            assertThat(key + "\n" + value).as(key).doesNotContain(forbidden);
            if (!COUNTER_KEY.matcher(key).matches()) {
                assertThat(key + "\n" + value).as("answers outside the counters: %s", key)
                        .doesNotContain(answerNeedles());
            }
        });
        String monitor = String.join("\n", monitorLines);
        assertThat(monitor).as("MONITOR").doesNotContain(forbidden);
        for (String line : monitorLines) {
            if (answerNeedles().stream().anyMatch(line::contains)) {
                assertThat(line).as("answers on MONITOR outside a counting command").contains("\"signpost:agg:{trial}:");
            }
        }
        assertThat(disk.files()).as("no key file in the data folder")
                .noneMatch(file -> file.getFileName().toString().endsWith(".key"));
        assertThat(disk.text()).as("the data folder").doesNotContain(forbidden);
        for (List<String> command : disk.commands()) {
            String joined = String.join(" ", command);
            if (answerNeedles().stream().anyMatch(joined::contains)) {
                assertThat(command.get(1)).as("answers on disk outside the counters: %s", command.get(0))
                        .startsWith("signpost:agg:{trial}:");
            }
        }

        // with the keys, and only with them, Redis's names lead back to conversations and people
        RespondentTokens tokens = new RespondentTokens(keys.respondentTokenKey());
        for (Person person : people) {
            String conv = "signpost:conv:{" + keys.pseudonyms("conversation").of("msteams/" + person.conversationId())
                    + "}:active";
            assertThat(redisContent).containsKey(conv);
            String progress = "signpost:progress:{trial}:" + keys.pseudonyms("progress").of(ROUND,
                    "msteams/" + person.conversationId());
            assertThat(redisContent.containsKey(progress)).as("answers in progress of %s", person.ending())
                    .isEqualTo(person.ending() == Ending.ABANDONS);
            assertThat(redis.sismember("signpost:resp:{trial}", tokens.token("trial:msteams:" + person.aadObjectId(),
                    ROUND))).isEqualTo(person.ending() == Ending.SUBMITS);
            assertThat(redisContent).containsKey("signpost:ref:{" + keys.pseudonyms("reference").of("conversation",
                    "msteams", person.conversationId()) + "}");
            // the one flow in progress: only while the person is in the survey, under a name of its own, sealed
            String flow = "signpost:conv:{" + keys.pseudonyms("flow").of("msteams/" + person.conversationId()) + "}:flow";
            assertThat(redisContent.containsKey(flow)).as("flow in progress of %s", person.ending())
                    .isEqualTo(person.ending() == Ending.ABANDONS);
            if (redisContent.containsKey(flow)) {
                assertThat(redisContent.get(flow)).as("sealed").doesNotContain("survey", ROUND);
            }
        }
        assertThat(redisContent.keySet()).allMatch(key -> COUNTER_KEY.matcher(key).matches()
                || key.equals("signpost:resp:{trial}")
                || key.matches("signpost:conv:\\{[0-9a-f]{64}}:active")
                || key.matches("signpost:conv:\\{[0-9a-f]{64}}:flow")
                || key.matches("signpost:progress:\\{trial}:[0-9a-f]{64}")
                // another flow's run (a focus-group sign-up in progress): one keyed name, sealed, never a round's
                || key.matches("signpost:progress:\\{[0-9a-f]{64}}")
                || key.matches("signpost:ref:\\{[0-9a-f]{64}}")
                || key.matches("signpost:ref:\\{reach:[0-9a-f]{64}}")
                // the trial's sample focus-group session: no sign-up, and (checked above) no answer
                || key.matches("signpost:focus:\\{(sessions|s-[a-z0-9]+)}") || key.equals("signpost:focus:{sessions}:open")
                || key.matches("signpost:hr:\\{rounds}:(list|order|open)"), "only the keyspaces this flow writes");
        // the rounds: their ids, surveys, order and schedule, nothing of anyone
        assertThat(redis.hgetAll("signpost:hr:{rounds}:list")).isEqualTo(Map.of("trial", "staff-survey|1||"));
        assertThat(redis.get("signpost:hr:{rounds}:open")).isEqualTo("trial");
    }


    /** A question id next to an option id, as a counter field names it or as JSON would. */
    private static List<String> answerNeedles() {
        List<String> needles = new ArrayList<>();
        for (Question question : SURVEY.questions()) {
            for (String option : question.optionIds()) {
                needles.add(question.id() + ":" + option);
                needles.add("\"" + question.id() + "\":\"" + option);
            }
            if (question.id().length() >= 8) {
                needles.add("\"" + question.id() + "\"");
            }
        }
        return needles;
    }

    private static long counterWrites(AppendOnlyFiles disk) {
        return disk.commands().stream().filter(command -> command.size() > 1 && command.get(0).equalsIgnoreCase("HSET")
                && command.get(1).equals("signpost:agg:{trial}:all")).count();
    }

    private static long submitted(List<Person> people) {
        return people.stream().filter(person -> person.ending() == Ending.SUBMITS).count();
    }

    /** Waits for the background rewrite, and for Redis 7 to delete the files it replaced. */
    private void awaitRewrite() {
        try {
            TestRedis.awaitAppendOnlyRewrite(redis);
            Path folder = redisDataFolder().resolve("appendonlydir");
            for (int attempt = 0; attempt < 200 && Files.isDirectory(folder) && !onlyManifestFiles(folder); attempt++) {
                Thread.sleep(50);
            }
            assertThat(!Files.isDirectory(folder) || onlyManifestFiles(folder)).as("Redis 7 kept replaced files").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean onlyManifestFiles(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.toList();
        }
        Path manifest = files.stream().filter(file -> file.getFileName().toString().endsWith(".manifest")).findFirst()
                .orElseThrow();
        String listed = Files.readString(manifest);
        return files.stream().allMatch(file -> file.equals(manifest) || listed.contains(file.getFileName().toString()));
    }

    /** Where an administrator would connect for MONITOR (the app's own user may not). */
    int redisPort() {
        return Integer.parseInt(config("port"));
    }

    String redisPassword() {
        return config("requirepass");
    }

    private String config(String name) {
        return redis.configGet(name).get(name);
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

    private static byte[] digest(String algorithm, String text) {
        try {
            return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ok(int status) {
        assertThat(status).isEqualTo(200);
    }
}
