package org.signpost.dialogs.transcripts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.microsoft.bot.builder.adapters.TestAdapter;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Attachment;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationReference;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.dialogs.announcement.AnnouncementContent;
import org.signpost.dialogs.announcement.AnnouncementFlow;
import org.signpost.dialogs.announcement.AnnouncementHoldings;
import org.signpost.dialogs.announcement.AnnouncementsSwitch;
import org.signpost.dialogs.announcement.Campaign;
import org.signpost.dialogs.announcement.ConversationStarter;
import org.signpost.dialogs.announcement.Learning;
import org.signpost.dialogs.announcement.LearningDirectory;
import org.signpost.dialogs.announcement.OptOuts;
import org.signpost.dialogs.announcement.Pledge;
import org.signpost.dialogs.announcement.Pledges;
import org.signpost.dialogs.broadcast.DeliveryQueue;
import org.signpost.dialogs.broadcast.InMemoryDeliveryQueue;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.conversation.InMemoryConversationActivity;
import org.signpost.dialogs.conversation.RecordingReferences;
import org.signpost.dialogs.conversation.SignpostBot;
import org.signpost.dialogs.flow.FlowEngine;
import org.signpost.dialogs.flow.FlowFiles;
import org.signpost.dialogs.flow.InMemoryActiveFlows;
import org.signpost.dialogs.flow.InMemoryFlowRuns;
import org.signpost.dialogs.focusgroup.Attendee;
import org.signpost.dialogs.focusgroup.FocusGroups;
import org.signpost.dialogs.focusgroup.InMemoryFocusGroupStore;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.focusgroup.Sessions;
import org.signpost.dialogs.focusgroup.SignUpEvents;
import org.signpost.dialogs.focusgroup.chat.FocusGroupFlow;
import org.signpost.dialogs.focusgroup.chat.FocusGroupHoldings;
import org.signpost.dialogs.focusgroup.chat.FocusGroupWithdrawal;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.MutableClock;
import org.signpost.dialogs.kernel.Role;
import org.signpost.dialogs.kernel.Senders;
import org.signpost.dialogs.kernel.TestFlow;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.kernel.Turn;
import org.signpost.dialogs.privacy.PrivacyStatement;
import org.signpost.dialogs.smalltalk.Acknowledgement;
import org.signpost.dialogs.smalltalk.Goodbye;
import org.signpost.dialogs.smalltalk.Greeting;
import org.signpost.dialogs.smalltalk.MenuRequest;
import org.signpost.dialogs.smalltalk.NotHelpful;
import org.signpost.dialogs.smalltalk.Thanks;
import org.signpost.dialogs.support.SupportCapability;
import org.signpost.dialogs.support.SupportCard;
import org.signpost.dialogs.support.SupportDirectory;
import org.signpost.dialogs.survey.InMemorySurveyStore;
import org.signpost.dialogs.survey.RespondentTokens;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyFlow;
import org.signpost.dialogs.survey.SurveyHoldings;
import org.signpost.dialogs.survey.SurveyRound;
import org.signpost.dialogs.survey.TypedSurveyAnswer;
import org.signpost.dialogs.understanding.CrisisPhrases;
import org.signpost.dialogs.understanding.TrainingPhrases;

/**
 * Conversations as data: every {@code transcripts/**}{@code /*.yaml} is one conversation, what the person
 * says or presses and what the bot must answer, by wording key. The bot runs with a wording that renders
 * every key as {@code ⟦key name=value⟧}, so a transcript can only pass on the keys (and values) the bot
 * chose, never on a sentence typed into it. See {@code transcripts/README.md} for the format.
 */
class TranscriptTests {

    static final Path TRANSCRIPTS = Path.of("src", "test", "resources", "transcripts");
    /** Teams' Adaptive Card host config: {@code maxActions} 6, per action set. */
    static final int TEAMS_MAX_ACTIONS = 6;
    static final Path TEST_CONTENT = Path.of("src", "test", "content");
    static final String TENANT = "tenant-of-the-employer";
    static final String ROUND = "r1";
    static final Pattern VALUE = Pattern.compile("[A-Za-z0-9]+=");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9]+)(?:}|\\s*,\\s*plural\\s*,)");
    static final ObjectMapper TEXT_RUN = new ObjectMapper();
    static final ObjectMapper YAML = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @TempDir
    static Path keyedContent;

    /**
     * Who is speaking, and where; {@code channels}: team channels the bot was added to; {@code email}: the
     * address the connector's member lookup gives for them (none: the lookup finds nothing).
     */
    record User(String channel, String id, String tenant, Set<String> roles, Boolean trial, List<String> channels,
            String email) {
        String channelOrTeams() {
            return channel == null ? "msteams" : channel;
        }
    }

    /**
     * What to check after a step: runs in progress, completions, the flow in progress, announcements
     * queued, pledges counted, people who stopped announcements; for focus groups, places taken and people
     * waiting (over every session) and notices sent (a place from the waiting list); {@code answered}: the
     * steps the one run in progress holds an answer for; {@code text}: the words the announcement queued last
     * carries (as the ambassador typed them, trimmed).
     */
    record Then(Integer runs, Integer completed, String active, Integer broadcasts, Integer pledges,
            Integer optedOut, Integer seated, Integer waiting, Integer told, List<String> answered, String text) {
    }

    /**
     * One thing the person does, and the bot's replies in order; {@code as} is another person, in their own
     * personal chat (for a place given on from the waiting list); {@code advance} moves the clock first (an
     * ISO-8601 duration, e.g. P8D).
     */
    record Step(String as, String advance, String say, Map<String, String> press, List<Object> bot, Then then) {
    }

    /** A focus-group session open for sign-up a week ahead, with some places already taken by others. */
    record FocusSession(String id, int places, int taken) {
    }

    /**
     * @param queueFailsOnce the first announcement queued is kept, but the answer is lost (the connection
     *                       dropped after the write): the flow cannot tell whether it was queued
     */
    record Transcript(String about, User user, Boolean queueFailsOnce, List<FocusSession> sessions, List<Step> steps) {
    }

    @TestFactory
    Stream<DynamicTest> everyTranscript() throws IOException {
        writeKeyedContent();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(TRANSCRIPTS)) {
            files = walk.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(TRANSCRIPTS.relativize(file).toString(),
                file.toUri(), () -> run(YAML.readValue(file.toFile(), Transcript.class))));
    }

    private void run(Transcript transcript) {
        Fixture fixture = new Fixture(transcript.user(), Boolean.TRUE.equals(transcript.queueFailsOnce()),
                transcript.sessions());
        int number = 0;
        for (Step step : transcript.steps()) {
            number++;
            TestAdapter adapter = fixture.adapter(step.as());
            if (step.advance() != null) {
                fixture.clock.advance(Duration.parse(step.advance()));
            }
            String where = "step " + number + " (" + (step.say() != null ? "says " + step.say() : "presses " + step.press()) + ")";
            Activity activity = adapter.makeActivity();
            if (step.press() != null) {
                activity.setText(null);
                activity.setValue(fixture.substituted(step.press()));
            } else {
                activity.setText(step.say());
            }
            TestFlow flow = new TestFlow(adapter, fixture.bot::onTurn).send(activity);
            List<Object> expected = step.bot() == null ? List.of() : step.bot();
            for (Object reply : expected) {
                flow = flow.assertReply(actual -> matches(where, reply, actual, fixture.cards()));
            }
            flow.startTest().orTimeout(10, TimeUnit.SECONDS).join();
            assertThat(adapter.activeQueue()).as("%s: replies beyond the transcript", where).isEmpty();
            if (step.then() != null) {
                fixture.check(where, step.then());
            }
        }
    }

    /**
     * One message the bot sends: a reply ("survey.resume", "menu", "support", {card: [keys in order]}), or a
     * list of them for one message of several parts: the words on top (a text key, first), then the cards
     * under them in order. In a chat without cards, the message is one text: the words, then the cards'
     * plain-text twins.
     */
    private static void matches(String where, Object expected, Activity actual, boolean cards) {
        List<?> parts = expected instanceof List<?> list ? list : List.of(expected);
        assertThat(parts).as("%s: a message has parts", where).isNotEmpty();
        for (Object part : parts.subList(1, parts.size())) {
            if (isWords(part)) {
                throw new AssertionError(where + ": words come first in a message (Teams shows them above its cards): " + expected);
            }
        }
        List<Attachment> attachments = actual.getAttachments() == null ? List.of() : actual.getAttachments();
        for (Attachment attachment : attachments) {
            if (attachment.getContent() instanceof JsonNode json) {
                for (JsonNode actions : json.findValues("actions")) {
                    assertThat(actions.size()).as("%s: Teams shows at most %d buttons in a row; more are lost", where,
                            TEAMS_MAX_ACTIONS).isLessThanOrEqualTo(TEAMS_MAX_ACTIONS);
                }
            }
        }
        boolean words = isWords(parts.get(0));
        if (words) {
            List<String> said = keyed(actual.getText(), true);
            assertThat(said).as("%s: a message with words, got %s", where, keys(describe(actual))).isNotEmpty();
            assertThat(sameKey(parts.get(0).toString(), said.get(0)))
                    .as("%s: expected %s, got %s", where, parts.get(0), said.get(0)).isTrue();
        }
        List<?> shown = parts.subList(words ? 1 : 0, parts.size());
        if (!cards) {
            assertThat(attachments).as("%s: no cards where cards do not render", where).isEmpty();
            List<String> keys = keys(actual.getText());
            if (words && shown.isEmpty()) {
                assertThat(keyed(actual.getText(), true)).as("%s: one text", where).hasSize(1);
            }
            int at = words ? 1 : 0;
            for (Object part : shown) {
                at = inOrder(where, part, keys, at);
            }
            return;
        }
        if (!words) {
            assertThat(actual.getText()).as("%s: a message of cards alone, got words", where).isNullOrEmpty();
        } else if (shown.isEmpty()) {
            assertThat(keyed(actual.getText(), true)).as("%s: one text", where).hasSize(1);
        }
        assertThat(attachments).as("%s: %s cards in one message, got %s", where, shown.size(), keys(describe(actual)))
                .hasSize(shown.size());
        for (int i = 0; i < shown.size(); i++) {
            String content = attachments.get(i).getContent().toString();
            inOrder(where, shown.get(i), keys(content), 0);
            if (shown.get(i) instanceof Map<?, ?> map && map.get("verbatim") instanceof String verbatim) {
                // someone's own words: one plain-text run (never markdown), exactly as written
                assertThat(content).as("%s: card shows the words as plain text", where)
                        .contains(TEXT_RUN.createObjectNode().put("type", "TextRun").put("text", verbatim).toString());
            }
        }
    }

    private static boolean isWords(Object part) {
        return part instanceof String text && !text.equals("menu") && !text.equals("support");
    }

    private static String describe(Activity actual) {
        return (actual.getText() == null ? "" : actual.getText()) + (actual.getAttachments() == null ? ""
                : actual.getAttachments().stream().map(a -> String.valueOf(a.getContent())).collect(Collectors.joining()));
    }

    /**
     * A card ("menu", "support", {card: [keys]}) found in {@code keys} from {@code from} on, its keys in order
     * (and none it must be {@code without}); returns where the next card may start.
     */
    private static int inOrder(String where, Object card, List<String> keys, int from) {
        List<?> wanted;
        if (card instanceof String text) {
            wanted = List.of(text.equals("menu") ? "menu.title" : "support.title");
        } else if (card instanceof Map<?, ?> map && map.get("card") instanceof List<?> list) {
            wanted = list;
            if (map.get("without") instanceof List<?> absent) {
                for (Object key : absent) {
                    assertThat(keys.subList(from, keys.size())).as("%s: card %s without %s", where, keys, key)
                            .noneMatch(actualKey -> sameKey(key.toString(), actualKey));
                }
            }
        } else {
            throw new AssertionError(where + ": a reply is a key, \"menu\", \"support\", {card: [keys]}, or a list of them: " + card);
        }
        int at = from;
        for (Object key : wanted) {
            while (at < keys.size() && !sameKey(key.toString(), keys.get(at))) {
                at++;
            }
            assertThat(at).as("%s: %s has %s in order", where, keys.subList(from, keys.size()), wanted).isLessThan(keys.size());
            at++;
        }
        return at;
    }

    /**
     * "survey.receipt" matches any values; "survey.receipt count=3" only where count is 3 (the values named
     * must all be there, others may be too). A value may itself be a key with values, kept whole.
     */
    private static boolean sameKey(String expected, String actual) {
        Map<String, String> wanted = values(expected);
        Map<String, String> got = values(actual);
        return expected.split(" ")[0].equals(actual.split(" ")[0])
                && wanted.entrySet().stream().allMatch(pair -> pair.getValue().equals(got.get(pair.getKey())));
    }

    /** The name=value pairs after a key, split only outside nested keys. */
    private static Map<String, String> values(String keyed) {
        Map<String, String> values = new HashMap<>();
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < keyed.length(); i++) {
            char c = keyed.charAt(i);
            depth += c == '⟦' ? 1 : c == '⟧' ? -1 : 0;
            if (c == ' ' && depth == 0 && VALUE.matcher(keyed.substring(i + 1)).lookingAt()) {
                parts.add(keyed.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(keyed.substring(from));
        for (String part : parts.subList(1, parts.size())) {
            int equals = part.indexOf('=');
            values.put(part.substring(0, equals), part.substring(equals + 1));
        }
        return values;
    }

    /** Every key, in the order they open, each with its values whole: a nested key comes after its outer one. */
    private static List<String> keys(String text) {
        return keyed(text, false);
    }

    private static List<String> keyed(String text, boolean outerOnly) {
        List<Integer> opened = new ArrayList<>();
        Map<Integer, String> keys = new TreeMap<>();
        String body = text == null ? "" : text;
        for (int i = 0; i < body.length(); i++) {
            if (body.charAt(i) == '⟦') {
                opened.add(i);
            } else if (body.charAt(i) == '⟧' && !opened.isEmpty()) {
                int start = opened.remove(opened.size() - 1);
                if (!outerOnly || opened.isEmpty()) {
                    keys.put(start, body.substring(start + 1, i));
                }
            }
        }
        return new ArrayList<>(keys.values());
    }

    /** The test content, with an en-GB wording in which every key says only its name and its values. */
    private static void writeKeyedContent() throws IOException {
        if (Files.exists(keyedContent.resolve("messages"))) {
            return;
        }
        for (String folder : List.of("flows", "surveys")) {
            Files.createDirectories(keyedContent.resolve(folder));
            try (Stream<Path> files = Files.list(TEST_CONTENT.resolve(folder))) {
                for (Path file : files.toList()) {
                    Files.copy(file, keyedContent.resolve(folder).resolve(file.getFileName()));
                }
            }
        }
        Properties english = new Properties();
        english.load(new StringReader(new String(ContentFolder.shipped().read("messages/en-GB.properties").orElseThrow(),
                StandardCharsets.UTF_8)));
        english.load(Files.newBufferedReader(TEST_CONTENT.resolve("messages/en-GB.properties"), StandardCharsets.UTF_8));
        StringBuilder keyed = new StringBuilder();
        for (String key : new TreeSet<>(english.stringPropertyNames())) {
            Set<String> names = new TreeSet<>();
            Matcher placeholder = PLACEHOLDER.matcher(english.getProperty(key));
            while (placeholder.find()) {
                names.add(placeholder.group(1));
            }
            String values = names.stream().map(name -> " " + name + "={" + name + "}").collect(Collectors.joining());
            keyed.append(key).append('=').append("⟦").append(key).append(values).append("⟧\n");
        }
        Files.createDirectories(keyedContent.resolve("messages"));
        Files.writeString(keyedContent.resolve("messages/en-GB.properties"), keyed, StandardCharsets.UTF_8);
    }

    /** One bot per transcript, with the survey (round r1 of the pulse survey) and the example flow. */
    private static final class Fixture {
        final User user;
        final InMemorySurveyStore surveyStore = new InMemorySurveyStore();
        final InMemoryActiveFlows active = new InMemoryActiveFlows();
        final InMemoryFlowRuns flowRuns = new InMemoryFlowRuns();
        final ExampleFlow example;
        final MutableClock clock = new MutableClock();
        final InMemoryFocusGroupStore focusGroups = new InMemoryFocusGroupStore();
        final List<Attendee> told = new ArrayList<>();
        final Map<String, TestAdapter> adapters = new HashMap<>();
        final InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue();
        final Map<String, Set<String>> pledged = new HashMap<>();
        final Set<String> stopped = new HashSet<>();
        final Pledges pledges = new Pledges() {
            @Override
            public boolean pledge(String campaignId, String personId) {
                return pledged.computeIfAbsent(campaignId, id -> new HashSet<>()).add(personId);
            }

            @Override
            public long count(String campaignId) {
                return pledged.getOrDefault(campaignId, Set.of()).size();
            }
        };
        final OptOuts optOuts = new OptOuts() {
            @Override
            public void stop(Turn turn) {
                stopped.add(turn.context().getActivity().getFrom().getAadObjectId());
            }

            @Override
            public void start(Turn turn) {
                stopped.remove(turn.context().getActivity().getFrom().getAadObjectId());
            }

            @Override
            public Notes notes(Turn turn) {
                // a removed chat is noted by the references' store, which these transcripts do not have
                return new Notes(stopped.contains(turn.context().getActivity().getFrom().getAadObjectId()), false);
            }
        };
        final SignpostBot bot;

        Fixture(User user, boolean queueFailsOnce, List<FocusSession> sessions) {
            this.user = user == null ? new User(null, null, null, Set.of(), false, List.of(), null) : user;
            ContentFolder content = ContentFolder.withOverrides(keyedContent.toAbsolutePath());
            FocusGroups groups = new FocusGroups(focusGroups, (attendee, session, kind) -> told.add(attendee));
            int others = 0;
            for (FocusSession seed : sessions == null ? List.<FocusSession>of() : sessions) {
                Session week = Sessions.open(seed.places(), clock.instant());
                Session session = new Session(seed.id(), week.title(), week.audience(), week.start(), week.length(),
                        week.place(), week.capacity(), week.facilitators(), week.firstAider(), week.guide(),
                        week.retention(), week.status(), week.keyPoints());
                groups.save(session);
                for (int i = 0; i < seed.taken(); i++) {
                    focusGroups.signUp(Sessions.attendee(session, ++others, clock.instant()), false, clock.instant());
                }
            }
            SupportCapability support = new SupportCapability(new SupportCard(SupportDirectory.load(content)));
            FocusGroupFlow focusGroupFlow = new FocusGroupFlow(focusGroups, new FlowFiles(content).load(FocusGroupFlow.ID),
                    SignUpEvents.none(), this::contact, support, "https://signpost.example/focus-groups/invitations",
                    Duration.ofHours(4), clock);
            example = new ExampleFlow(content);
            SurveyRound round = new SurveyRound(ROUND, new SurveyCatalog(content).load("pulse"));
            SurveyFlow survey = new SurveyFlow(() -> Optional.of(round), surveyStore, surveyStore, new RespondentTokens(new byte[32]),
                    text -> text.contains("workload") ? Set.of("workload") : Set.of(), Duration.ofHours(4), 10);
            AnnouncementContent announcements = AnnouncementContent.load(content);
            List<String> channels = this.user.channels() == null ? List.of() : this.user.channels();
            AtomicBoolean failing = new AtomicBoolean(queueFailsOnce);
            DeliveryQueue flaky = (DeliveryQueue) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {DeliveryQueue.class}, (proxy, method, arguments) -> {
                        Object result = method.invoke(queue, arguments);
                        if (method.getName().equals("schedule") && failing.getAndSet(false)) {
                            throw new IllegalStateException("the answer was lost after the write");
                        }
                        return result;
                    });
            AnnouncementFlow announcement = new AnnouncementFlow(content, announcements, flaky, tenant -> channels,
                    clock, () -> { });
            FlowEngine flows = new FlowEngine(List.of(survey, example, focusGroupFlow, announcement), active, flowRuns);
            List<Capability> capabilities = new ArrayList<>(List.of(support));
            capabilities.addAll(flows.capabilities());
            capabilities.addAll(List.of(new TypedSurveyAnswer(flows), new PrivacyStatement(List.of(
                    new SurveyHoldings(() -> Optional.of(round), surveyStore, survey),
                    new FocusGroupHoldings(focusGroups, flowRuns.of(FocusGroupFlow.ID, Duration.ofHours(4)),
                            Together.oneByOne()),
                    new AnnouncementHoldings(optOuts))), new Greeting(),
                    new Thanks(), new Goodbye(), new Acknowledgement(flows), new NotHelpful(flows), new MenuRequest(),
                    new FocusGroupWithdrawal(groups, SignUpEvents.none())));
            Pledge pledge = new Pledge(pledges, clock);
            capabilities.addAll(List.of(new Campaign(queue, pledge, clock), pledge,
                    new ConversationStarter(announcements, new Random(7)), new Learning(LearningDirectory.load(content)),
                    AnnouncementsSwitch.stop(optOuts), AnnouncementsSwitch.start(optOuts)));
            Set<Role> roles = this.user.roles() == null ? Set.of()
                    : this.user.roles().stream().map(role -> Role.valueOf(role.toUpperCase(Locale.ROOT)))
                            .collect(Collectors.toSet());
            RecordingReferences references = new RecordingReferences();
            bot = new SignpostBot(new SignpostBot.Settings(Duration.ofHours(12)), new Messages(content), support,
                    capabilities, flows, Boolean.TRUE.equals(this.user.trial()) ? Senders.trial()
                            : Senders.vouchedBy(Set.of(TENANT)), person -> roles,
                    new SignpostBot.Ports(new TrainingPhrases(ContentFolder.shipped()),
                            new CrisisPhrases("I can't go on, I want to end it all"), new InMemoryConversationActivity(),
                            references, references, clock));
        }

        /** The transcript's user has the e-mail it names; anyone else ({@code as}) has none. */
        Optional<String> contact(Turn turn) {
            String id = user.id() == null ? "aad-transcript" : user.id();
            return ("29:" + id).equals(turn.from().id()) ? Optional.ofNullable(user.email()) : Optional.empty();
        }

        /** Whether the chat renders cards (as the bot decides it, by channel). */
        boolean cards() {
            return Set.of("msteams", "webchat", "emulator", "directline").contains(user.channelOrTeams());
        }

        /** The person's own chat: the transcript's user, or another person ({@code as}). */
        TestAdapter adapter(String as) {
            return adapters.computeIfAbsent(as == null ? "" : as, this::newAdapter);
        }

        private TestAdapter newAdapter(String as) {
            String id = !as.isEmpty() ? as : user.id() == null ? "aad-transcript" : user.id();
            ConversationReference reference = TestAdapter.createConversationReference("a:transcript-" + id, "user", "bot");
            reference.setChannelId(user.channelOrTeams());
            reference.getConversation().setConversationType("personal");
            reference.getConversation().setTenantId(user.tenant() == null ? TENANT : user.tenant());
            ChannelAccount account = new ChannelAccount("29:" + id, as.isEmpty() ? "A Person" : "Person " + as);
            account.setAadObjectId(id);
            reference.setUser(account);
            return new TestAdapter(reference);
        }

        /** A pressed value {@code $latest-broadcast} is the id of the announcement queued last. */
        Map<String, String> substituted(Map<String, String> pressed) {
            Map<String, String> values = new HashMap<>(pressed);
            values.replaceAll((key, value) -> value.equals("$latest-broadcast") ? queue.broadcastIds().get(0) : value);
            return values;
        }

        void check(String where, Then then) {
            if (then.runs() != null) {
                assertThat(surveyStore.progress.size() + flowRuns.runs.size()).as("%s: runs in progress", where)
                        .isEqualTo(then.runs());
            }
            if (then.completed() != null) {
                assertThat((int) surveyStore.responses() + example.kept.size()).as("%s: completed", where)
                        .isEqualTo(then.completed());
            }
            if (then.broadcasts() != null) {
                assertThat(queue.broadcastIds()).as("%s: announcements queued", where).hasSize(then.broadcasts());
            }
            if (then.pledges() != null) {
                assertThat(pledged.values().stream().mapToInt(Set::size).sum()).as("%s: pledges", where)
                        .isEqualTo(then.pledges());
            }
            if (then.optedOut() != null) {
                assertThat(stopped).as("%s: stopped announcements", where).hasSize(then.optedOut());
            }
            if (then.seated() != null) {
                assertThat(focusGroups.sessions().stream().mapToInt(s -> focusGroups.seated(s.id()).size()).sum())
                        .as("%s: places taken", where).isEqualTo(then.seated());
            }
            if (then.waiting() != null) {
                assertThat(focusGroups.sessions().stream().mapToInt(s -> focusGroups.waiting(s.id()).size()).sum())
                        .as("%s: people waiting", where).isEqualTo(then.waiting());
            }
            if (then.told() != null) {
                assertThat(told).as("%s: people told of a place", where).hasSize(then.told());
            }
            if (then.answered() != null) {
                assertThat(flowRuns.runs.values()).as("%s: one run in progress", where).hasSize(1);
                assertThat(flowRuns.runs.values().iterator().next().answers().keySet()).as("%s: steps answered", where)
                        .containsExactlyInAnyOrderElementsOf(then.answered());
            }
            if (then.text() != null) {
                String latest = queue.broadcastIds().get(0);
                assertThat(queue.broadcast(latest).orElseThrow().text()).as("%s: the announcement's words", where)
                        .isEqualTo(then.text());
            }
            if (then.active() != null) {
                String flow = active.byConversation.values().stream().map(a -> a.flow()).findFirst().orElse("none");
                assertThat(flow).as("%s: the flow in progress", where).isEqualTo(then.active());
            }
        }
    }
}
