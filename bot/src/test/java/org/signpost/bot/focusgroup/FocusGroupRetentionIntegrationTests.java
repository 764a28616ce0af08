package org.signpost.bot.focusgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.Activities;
import org.signpost.bot.AppendOnlyFiles;
import org.signpost.bot.Endpoint;
import org.signpost.bot.FakeConnector;
import org.signpost.bot.LocalTrial;
import org.signpost.bot.MovedClock;
import org.signpost.bot.SurveyRespondent;
import org.signpost.bot.TestRedis;
import org.signpost.bot.keys.AppKeys;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.focusgroup.Address;
import org.signpost.dialogs.focusgroup.Attendee;
import org.signpost.dialogs.focusgroup.FocusGroups;
import org.signpost.dialogs.focusgroup.Placement;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.focusgroup.SessionStatus;
import org.signpost.dialogs.focusgroup.SignUp;
import org.signpost.dialogs.kernel.MutableClock;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition.Question;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.UnifiedJedis;

/**
 * People take the survey and sign up for the trial's sample session. Survey keys hold nothing of the
 * sign-ups and sign-up keys nothing of the survey. Then the clock passes the end of the session's
 * retention period, the timer expires it and asks for a rewrite, and neither Redis nor its data folder
 * holds any trace of who signed up: no name, contact, address, keyed name or sealed record.
 */
@Import(MovedClock.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"signpost.survey.rewrite-every=1000", "signpost.focusgroups.tick=1h"})
class FocusGroupRetentionIntegrationTests {

    static final LocalTrial trial = new LocalTrial("signpost-focus-retention");
    static final SurveyDefinition SURVEY = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");
    static final int PEOPLE = 6;

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

    @Autowired
    FocusGroups groups;

    @Autowired
    FocusGroupTimer timer;

    @Autowired
    AppKeys keys;

    @Autowired
    DiskRewrites rewrites;

    @Autowired
    MutableClock clock;

    @Autowired
    Messages messages;

    @Test
    void afterTheRetentionPeriodNothingInRedisOrOnDiskLeadsToAnyoneWhoSignedUp() throws Exception {
        Session sample = groups.store().sessions().stream().filter(s -> s.takesSignUps(clock.instant())).findFirst()
                .orElseThrow(() -> new AssertionError("a local trial offers a sample session"));
        assertThat(sample.startsAt()).isAfter(clock.instant().plus(Duration.ofDays(6)));

        List<Attendee> attendees = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String userId = "29:signup-user-" + i + "-k2p";
            String name = "Signup Person" + i + " Wq";
            assertThat(new Endpoint(port).post(new Activities(trial.connector().serviceUrl(), userId, name,
                    "aad-signup-" + i + "-x").installationUpdate("a:signup-conv-" + i, "add")).statusCode()).isEqualTo(200);
            new SurveyRespondent(new Endpoint(port), new Activities(trial.connector().serviceUrl(), userId, name,
                    "aad-signup-" + i + "-x"), "a:signup-conv-" + i).answer("trial", SURVEY, answers(i));
            Attendee attendee = new Attendee(new SignUp(sample.id(), name, "signup" + i + "-mail@example.org",
                    "consent-2026-11", clock.instant()), new Address("msteams", userId));
            assertThat(groups.store().signUp(attendee, true, clock.instant()))
                    .isIn(Placement.SEATED, Placement.WAITING);
            attendees.add(attendee);
        }
        // one withdraws: their sign-up goes at once, and the place to the first waiter
        assertThat(groups.withdraw(sample.id(), attendees.get(0).address()).promoted()).isPresent();
        Wording wording = messages.wording("en-GB");
        assertThat(texts(3)).as("the first waiter is told the place is theirs")
                .contains(wording.text("focusgroup.promoted", ProactiveNotices.values(sample)) + "\n\n"
                        + wording.text("focusgroup.supportLine"));

        Map<String, String> before = TestRedis.contentOf(redis);
        List<String> sealed = new ArrayList<>();
        before.forEach((key, value) -> {
            if (key.startsWith("signpost:signup:")) {
                assertThat(value).as("sign-up keys hold nothing of the survey").doesNotContain(surveyNeedles());
                if (redis.type(key).equals("hash")) {
                    sealed.addAll(redis.hvals(key));
                }
            } else if (!key.startsWith("signpost:focus:")) {
                assertThat(value).as("survey and chat keys hold nothing of the sign-ups: %s", key)
                        .doesNotContain(traces(attendees, List.of()));
            }
        });
        assertThat(sealed).hasSize(PEOPLE - 1);
        assertThat(String.join("\n", before.values())).as("sealed: no name, contact or address in Redis")
                .doesNotContain(plainTraces(attendees));
        AppendOnlyFiles disk = AppendOnlyFiles.read(trial.data());
        assertThat(disk.text()).as("before the rewrite, the file holds the sealed sign-ups").contains(sealed.get(0));
        assertThat(disk.text()).as("even the withdrawn one")
                .contains(keys.pseudonyms("signup").of("msteams", attendees.get(0).address().userId()));

        // the day before, at nine: each person with a place is reminded once, with the support line
        clock.advance(Duration.between(clock.instant(), sample.start().minusDays(1).withHour(9).toInstant()));
        timer.tick();
        timer.tick();
        String reminder = wording.text("focusgroup.reminder", ProactiveNotices.values(sample)) + "\n\n"
                + wording.text("focusgroup.supportLine");
        for (int i = 0; i < PEOPLE; i++) {
            boolean seated = i >= 1 && i <= 3;
            assertThat(texts(i).stream().filter(reminder::equals).count()).as("reminders to %d", i)
                    .isEqualTo(seated ? 1 : 0);
        }

        clock.advance(Duration.between(clock.instant(), sample.retentionEndsAt()).minusMinutes(1));
        timer.tick();
        assertThat(groups.store().seated(sample.id())).as("not a minute early").hasSize(3);

        clock.advance(Duration.ofMinutes(1));
        timer.tick();
        TestRedis.awaitAppendOnlyRewrite(redis);
        for (int refused = 0; refused < 20 && rewrites.due(); refused++) {
            // Redis refuses while another rewrite (the survey's timer) runs; the next tick asks again
            timer.tick();
            TestRedis.awaitAppendOnlyRewrite(redis);
        }
        assertThat(rewrites.due()).isFalse();
        assertThat(groups.store().session(sample.id()).orElseThrow().status()).isEqualTo(SessionStatus.EXPIRED);
        List<String> forbidden = traces(attendees, sealed);
        TestRedis.contentOf(redis).forEach((key, value) -> assertThat(key + "\n" + value).as(key).doesNotContain(forbidden));
        AppendOnlyFiles after = AppendOnlyFiles.read(trial.data());
        assertThat(after.text()).as("the data folder after the rewrite").doesNotContain(forbidden);
        assertThat(after.text()).as("the survey's totals are still there").contains("signpost:agg:{trial}:all");
    }

    private List<String> texts(int person) {
        return trial.connector().sentTo("a:signup-conv-" + person).stream().map(FakeConnector.Sent::text).toList();
    }

    /** What only a sign-up could have put there: in plain, keyed, or sealed. */
    private List<String> traces(List<Attendee> attendees, List<String> sealed) {
        List<String> traces = new ArrayList<>(plainTraces(attendees));
        for (Attendee attendee : attendees) {
            traces.add(keys.pseudonyms("signup").of(attendee.address().channelId(), attendee.address().userId()));
        }
        traces.addAll(sealed);
        return traces;
    }

    private static List<String> plainTraces(List<Attendee> attendees) {
        List<String> traces = new ArrayList<>();
        for (Attendee attendee : attendees) {
            traces.addAll(List.of(attendee.signUp().displayName(), attendee.signUp().contact(),
                    attendee.address().userId(), "consent-2026-11"));
        }
        return traces;
    }

    private static List<String> surveyNeedles() {
        List<String> needles = new ArrayList<>();
        for (Question question : SURVEY.questions()) {
            needles.add(question.id());
        }
        return needles;
    }

    private static Map<String, String> answers(int i) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (Question question : SURVEY.questions()) {
            if (question.type() == SurveyDefinition.Type.LIKERT || question.grouping()) {
                answers.put(question.id(), question.optionIds().get(i % question.optionIds().size()));
            }
        }
        return answers;
    }

}
