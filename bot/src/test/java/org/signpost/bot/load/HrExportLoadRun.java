package org.signpost.bot.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.signpost.bot.TestRedis;
import org.signpost.bot.results.HrSession;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import redis.clients.jedis.UnifiedJedis;

/**
 * The HR exports under the heap Signpost ships with (not in any default run; docs/benchmarks.md "Memory"): one
 * instance started with {@code signpost.jvm.flags}, a round of the largest survey the schema allows (60 questions of
 * 12 options, 10 of them grouping questions: 121 groups, 72,600 rows) whose counters hold a million responses, and
 * typed chatter at a fixed rate beside it. HR fetches the results page and each export in turn, then four XLSX at
 * once. Every fetch must answer 200 and the instance must still be alive (it exits on running out of memory); it
 * prints each size and time, the peak heap before a collection (from the GC log) and the peak RSS.
 */
class HrExportLoadRun {

    static final String ROUND = "big";
    static final int GROUPINGS = 10;
    static final int QUESTIONS = 60;
    static final int OPTIONS = 12;
    private static final Pattern BEFORE_GC = Pattern.compile("Pause \\w+ \\([^)]*\\) (\\d+)M->");

    @Test
    void everyExportOfTheLargestRoundUnderTheShippedHeap() throws IOException {
        int rate = LoadSetup.integer("load.rate", 100);
        try (LoadSetup setup = new LoadSetup("hr-export")) {
            Path content = Files.createDirectories(setup.work.resolve("content/surveys"));
            Files.writeString(content.resolve("big-survey.yaml"), largestSurvey());
            Path gcLog = setup.work.resolve("hr-export-gc.log");
            List<String> jvm = new ArrayList<>(LoadSetup.signpostJvm());
            jvm.add("-Xlog:gc:file=" + gcLog);
            Map<String, String> properties = Map.of(
                    "signpost.conversation.content-folder", content.getParent().toString(),
                    "signpost.survey.rounds[1].id", ROUND,
                    "signpost.survey.rounds[1].survey", "big-survey",
                    "signpost.survey.rounds[1].state", "closed",
                    "signpost.signin.local.username", "export",
                    "signpost.signin.local.password-hash", new BCryptPasswordEncoder(4).encode("export-password"),
                    "signpost.signin.local.account-file", setup.work.resolve("hr-account").toString());
            try (BotProcess bot = setup.signpost("hr-export", jvm, LoadSetup.signpostEnvironment(), properties)) {
                SurveyDefinition survey = new SurveyCatalog(ContentFolder.withOverrides(content.getParent()))
                        .load("big-survey");
                fill(setup, survey, 1_000_000);
                Traffic chatter = setup.traffic(Traffic.Kind.CHATTER, 2000, "hr-export-chatter");
                HttpLoad load = new HttpLoad(bot.port(), setup.authorization, setup.evidenceOfUnanswered(bot));
                load.closedLoop(lane -> chatter.lane(lane, 16), 16, Duration.ofSeconds(20));
                CompletableFuture<HttpLoad.Result> beside = CompletableFuture.supplyAsync(
                        () -> load.fixedRate(lane -> chatter.lane(lane, 16), rate, 16, Duration.ofSeconds(40)));
                HrSession hr = new HrSession(bot.port());
                assertThat(hr.signIn("export", "export-password").statusCode()).isEqualTo(302);
                List<String> lines = new ArrayList<>();
                for (String path : List.of("", "/results.csv", "/results.xlsx", "/results.json")) {
                    for (int i = 0; i < 3; i++) {
                        long start = System.nanoTime();
                        HttpResponse<byte[]> response = hr.getBytes("/hr/rounds/" + ROUND + path);
                        double millis = (System.nanoTime() - start) / 1e6;
                        assertThat(response.statusCode()).as(path).isEqualTo(200);
                        lines.add(String.format("| %s | %,d bytes | %.0f ms |", path.isEmpty() ? "results page"
                                : path.substring(1), response.body().length, millis));
                    }
                }
                long start = System.nanoTime();
                List<CompletableFuture<Integer>> together = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    together.add(CompletableFuture.supplyAsync(
                            () -> hr.getBytes("/hr/rounds/" + ROUND + "/results.xlsx").statusCode()));
                }
                assertThat(together).allSatisfy(fetch -> assertThat(fetch.join()).isEqualTo(200));
                lines.add(String.format("| 4 × results.xlsx at once | | %.0f ms |", (System.nanoTime() - start) / 1e6));
                HttpLoad.Result chat = beside.join();
                assertThat(bot.alive()).as("the instance is still up (it exits on running out of memory)").isTrue();
                String report = String.format("HR exports of a %d-row round, %s, chatter beside at %d/s "
                        + "(%,.0f turns/s, p99 %.1f ms, errors %d)%n| output | size | time |%n|---|---|---|%n%s%n"
                        + "peak heap before a collection: %d MB; peak RSS: %d MiB; RSS now: %d MiB%n",
                        rows(survey), String.join(" ", LoadSetup.signpostJvm()), rate, chat.turnsPerSecond(),
                        chat.percentileMillis(99), chat.errors(), String.join("\n", lines), peakHeapMegabytes(gcLog),
                        peakRssMiB(bot), bot.rssMiB());
                System.out.println(report);
                assertThat(chat.errors()).as("chatter beside the exports").isZero();
            }
        }
    }

    /** The largest round the survey schema allows: 60 questions of 12 options, the first 10 grouping ones. */
    private static String largestSurvey() {
        StringBuilder yaml = new StringBuilder("id: big-survey\ntitle:\n  en-GB: Largest survey\nquestions:\n");
        for (int q = 0; q < QUESTIONS; q++) {
            yaml.append("  - id: q").append(q).append("\n    type: ").append(q < GROUPINGS ? "grouping" : "single")
                    .append("\n    optional: true\n    text:\n      en-GB: Question ").append(q).append("\n    options:\n");
            for (int o = 0; o < OPTIONS; o++) {
                yaml.append("      - id: o").append(o).append("\n        text:\n          en-GB: Option ").append(o)
                        .append(" of question ").append(q).append('\n');
            }
        }
        return yaml.toString();
    }

    /** Counters as a round of {@code responses} people would leave them, every group large enough to show. */
    private static void fill(LoadSetup setup, SurveyDefinition survey, long responses) {
        try (UnifiedJedis redis = TestRedis.client(setup.redis)) {
            CounterLayout.allFields(survey).forEach((hash, fields) -> {
                long people = hash.equals("all") ? responses : responses / (OPTIONS + 1);
                Map<String, String> values = new HashMap<>();
                for (int f = 0; f < fields.size(); f++) {
                    String field = fields.get(f);
                    values.put(field, Long.toString(field.equals("responses") ? people : people / (OPTIONS + 1 + f % 3)));
                }
                redis.hset("signpost:agg:{" + ROUND + "}:" + hash, values);
            });
        }
    }

    private static int rows(SurveyDefinition survey) {
        return (1 + GROUPINGS * OPTIONS) * (QUESTIONS - GROUPINGS) * OPTIONS;
    }

    private static long peakHeapMegabytes(Path gcLog) throws IOException {
        long peak = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher matcher = BEFORE_GC.matcher(line);
            if (matcher.find()) {
                peak = Math.max(peak, Long.parseLong(matcher.group(1)));
            }
        }
        return peak;
    }

    private static long peakRssMiB(BotProcess bot) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(bot.pid()), "status")).stream()
                .filter(line -> line.startsWith("VmHWM:")).mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                .findFirst().orElse(-1) / 1024;
    }
}
