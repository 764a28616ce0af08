package org.signpost.bot.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyDefinition.Question;

/**
 * What many people send, as Teams would: each person has a personal chat and their own turns, one at a
 * time. The people are split into lanes, one per connection of the load: a lane takes its people in turn,
 * and a person's next turn is sent only after their last one was answered (Teams delivers one person's
 * clicks in order), so a survey reaches its submission whatever the concurrency.
 * <ul>
 * <li>{@link Kind#CHATTER}: typed messages (everyday requests, greetings, thanks, questions about privacy).</li>
 * <li>{@link Kind#SURVEY}: a person installs the app (support card and menu), presses "take the survey",
 * starts it, answers every question by card, submits, then types a few messages; then a new person takes
 * their place.</li>
 * </ul>
 */
final class Traffic {

    enum Kind { CHATTER, SURVEY }

    /** The bot's own tenant, where the survey's senders must be from; the same as the tests' {@code Activities}. */
    static final String TENANT = "tenant-1";
    static final String BOT_ID = "28:signpost-bot";
    private static final int CHATTER_AFTER_SURVEY = 10;

    private final Kind kind;
    private final String serviceUrl;
    private final String roundId;
    private final SurveyDefinition survey;
    private final List<String> phrases;
    private final Person[] people;
    private final String runId;
    private final AtomicLong newcomers = new AtomicLong();
    private final AtomicLong submits = new AtomicLong();

    Traffic(Kind kind, String serviceUrl, String roundId, SurveyDefinition survey, int people, String runId) {
        this.kind = kind;
        this.serviceUrl = serviceUrl;
        this.roundId = roundId;
        this.survey = survey;
        this.phrases = phrases();
        this.runId = runId;
        this.people = new Person[people];
        for (int i = 0; i < people; i++) {
            this.people[i] = new Person(newcomers.incrementAndGet());
        }
    }

    /**
     * Lane {@code index} of {@code lanes}: the people whose slot is {@code index} modulo {@code lanes}, each
     * in turn. One lane is used by one connection at a time, so each person's turns are sent one after the
     * other, each after the last was answered.
     */
    Supplier<byte[]> lane(int index, int lanes) {
        if (index < 0 || index >= lanes || lanes > people.length) {
            throw new IllegalArgumentException("Lane " + index + " of " + lanes + " for " + people.length + " people");
        }
        int[] at = {index};
        return () -> {
            int slot = at[0];
            at[0] = slot + lanes < people.length ? slot + lanes : index;
            return next(slot);
        };
    }

    private byte[] next(int slot) {
        Person person = people[slot];
        String json = person.next();
        if (person.done()) {
            people[slot] = new Person(newcomers.incrementAndGet());
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Submissions sent so far (each by a different person). */
    long submits() {
        return submits.get();
    }

    private final class Person {
        private final long number;
        private final Random random;
        private int step;

        Person(long number) {
            this.number = number;
            this.random = new Random(Objects.hash(runId, number));
        }

        boolean done() {
            return kind == Kind.SURVEY && step >= survey.size() + 4 + CHATTER_AFTER_SURVEY;
        }

        String next() {
            int at = step++;
            if (kind == Kind.CHATTER) {
                return message(typed());
            }
            if (at == 0) {
                return activity("installationUpdate", "\"action\":\"add\"");
            }
            if (at == 1) {
                return card("\"signpost\":\"survey\"");
            }
            if (at == 2) {
                return card(step("start"));
            }
            int question = at - 3;
            if (question < survey.size()) {
                Question q = survey.questions().get(question);
                if (q.type() == SurveyDefinition.Type.FREETEXT) {
                    return card(step("answer") + ",\"question\":\"" + q.id() + "\",\"freeText\":\"" + json(typed()) + "\"");
                }
                if (q.optional() && random.nextInt(10) == 0) {
                    return card(step("skip") + ",\"question\":\"" + q.id() + "\"");
                }
                List<String> options = q.optionIds();
                return card(step("answer") + ",\"question\":\"" + q.id() + "\",\"answer\":\""
                        + options.get(random.nextInt(options.size())) + "\"");
            }
            if (question == survey.size()) {
                submits.incrementAndGet();
                return card(step("submit"));
            }
            return message(typed());
        }

        private String typed() {
            return phrases.get(random.nextInt(phrases.size()));
        }

        private String step(String step) {
            return "\"signpost\":\"survey\",\"step\":\"" + step + "\",\"round\":\"" + roundId + "\"";
        }

        private String message(String text) {
            return activity("message", "\"text\":\"" + json(text) + "\"");
        }

        private String card(String value) {
            return activity("message", "\"value\":{" + value + "}");
        }

        private String activity(String type, String rest) {
            String person = runId + "-" + number;
            return "{\"type\":\"" + type + "\",\"id\":\"act-" + person + "-" + step + "\","
                    + "\"timestamp\":\"2026-11-30T09:00:00.000Z\",\"channelId\":\"msteams\","
                    + "\"serviceUrl\":\"" + serviceUrl + "\",\"locale\":\"en-GB\","
                    + "\"from\":{\"id\":\"29:user-" + person + "\",\"name\":\"Person " + number + "\",\"aadObjectId\":\"aad-"
                    + person + "\"},\"recipient\":{\"id\":\"" + BOT_ID + "\",\"name\":\"Signpost\"},"
                    + "\"conversation\":{\"id\":\"a:chat-" + person + "\",\"conversationType\":\"personal\",\"tenantId\":\""
                    + TENANT + "\"},\"channelData\":{\"tenant\":{\"id\":\"" + TENANT + "\"}}," + rest + "}";
        }
    }

    /** Everyday things people type: the intent evaluation set (never the training data, never crisis lines). */
    static List<String> phrases() {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                Traffic.class.getResourceAsStream("/nlp/eval-intents-en-GB.tsv")), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] columns = line.split("\t");
                if (!line.startsWith("#") && columns.length >= 3) {
                    lines.add(columns[2]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
