package org.signpost.bot.focusgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.Activities;
import org.signpost.bot.Endpoint;
import org.signpost.bot.FakeConnector;
import org.signpost.bot.FocusGroupVolunteer;
import org.signpost.bot.LocalTrial;
import org.signpost.bot.MovedClock;
import org.signpost.bot.TestRedis;
import org.signpost.bot.results.HrSession;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.focusgroup.Address;
import org.signpost.dialogs.focusgroup.Attendee;
import org.signpost.dialogs.focusgroup.FocusGroups;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.kernel.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.UnifiedJedis;

/**
 * The contact a sign-up keeps comes from the person's Teams profile, through the connector's member lookup,
 * and is shown before it is kept: their e-mail, else their user principal name; without either (the
 * connector does not know them) the confirm step says the facilitators will reach them through their chat,
 * and the sign-up still goes through. The address is then in the sealed sign-up only (no Redis key or value
 * holds it in plain), in the facilitator's attendee list, and gone at once on withdrawal and with the
 * retention period. A person may hold sign-ups for several sessions, each once, and withdraw from one.
 */
@Import(MovedClock.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "signpost.focusgroups.tick=1h")
class FocusGroupContactIntegrationTests {

    static final String USER = "facilitator";
    static final String PASSWORD = "contact-test-password-5";
    static final LocalTrial trial = new LocalTrial("signpost-focus-contact");
    static final Path keys = TestRedis.tempFolder("signpost-focus-contact-keys");
    static final String ADA_MAIL = "ada.mailcanary@example.org";
    static final String BEN_UPN = "ben.upncanary@example.org";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trial.registerWithAccount(registry, USER, PASSWORD, keys, "facilitator");
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
    MutableClock clock;

    @Autowired
    Messages messages;

    record Person(String userId, String name, String conversation, Activities teams) {
    }

    @Test
    void theAddressFromTheTeamsProfileIsShownKeptSealedListedAndGoneAfterwards() {
        Wording wording = messages.wording("en-GB");
        Session sample = groups.store().sessions().stream().filter(s -> s.takesSignUps(clock.instant())).findFirst()
                .orElseThrow(() -> new AssertionError("a local trial offers a sample session"));
        Person ada = person("ada");
        Person ben = person("ben");
        Person cy = person("cy");
        // Ada's profile gives an e-mail (and a UPN), Ben's only a UPN, and the connector does not know Cy
        trial.connector().member(ada.userId(), Map.of("name", ada.name(), "email", ADA_MAIL,
                "userPrincipalName", "ada.other-upn@example.org", "aadObjectId", "aad-ada-contact"));
        trial.connector().member(ben.userId(), Map.of("name", ben.name(), "userPrincipalName", BEN_UPN,
                "aadObjectId", "aad-ben-contact"));

        Map<Person, String> shown = new LinkedHashMap<>();
        for (Person person : List.of(ada, ben, cy)) {
            Endpoint endpoint = new Endpoint(port);
            assertThat(endpoint.post(person.teams().installationUpdate(person.conversation(), "add")).statusCode())
                    .isEqualTo(200);
            FocusGroupVolunteer volunteer = new FocusGroupVolunteer(endpoint, person.teams(), person.conversation(),
                    trial.connector());
            assertThat(volunteer.throughConsent(true)).contains(sample.id());
            volunteer.choose(sample.id());
            shown.put(person, lastCard(person));
            volunteer.submit();
            List<FakeConnector.Sent> sent = trial.connector().sentTo(person.conversation());
            // one message: the receipt, then the support card and the menu under it
            assertThat(sent.get(sent.size() - 1).text()).startsWith(opening(wording, "focusgroup.receipt"));
            assertThat(sent.get(sent.size() - 1).cardText()).as("the support card with the receipt")
                    .contains(json(wording.text("support.title")), json(wording.text("menu.title")));
        }
        assertThat(trial.connector().memberLookups()).contains(ada.userId(), ben.userId(), cy.userId());

        // Ada signs up for a second session too: the one she holds is not offered again
        Session later = Session.draft("A later session", Optional.empty(),
                LocalDateTime.ofInstant(clock.instant(), Session.LONDON).plusDays(10), Duration.ofHours(1), "Room 3", 4,
                List.of("A", "B"), "C", List.of(), Session.DEFAULT_RETENTION).publish();
        groups.save(later);
        FocusGroupVolunteer again = new FocusGroupVolunteer(new Endpoint(port), ada.teams(), ada.conversation(),
                trial.connector());
        assertThat(again.throughConsent(true)).containsExactly(later.id());
        again.choose(later.id());
        again.submit();
        assertThat(groups.store().heldFor(new Address("msteams", ada.userId())))
                .extracting(held -> held.attendee().signUp().sessionId()).containsExactlyInAnyOrder(sample.id(), later.id());
        assertThat(shown.get(ada)).as("shown before it is kept")
                .contains(json(wording.text("focusgroup.contact.address", Map.of("address", ADA_MAIL))))
                .doesNotContain("ada.other-upn@example.org");
        assertThat(shown.get(ben)).contains(json(wording.text("focusgroup.contact.address", Map.of("address", BEN_UPN))));
        assertThat(shown.get(cy)).as("no address: reached through the chat, said plainly")
                .contains(json(wording.text("focusgroup.contact.chat")));

        // kept exactly as shown, in the sealed sign-up only
        assertThat(groups.store().seated(sample.id())).extracting(attendee -> attendee.signUp().contact())
                .containsExactlyInAnyOrder(ADA_MAIL, BEN_UPN, wording.text("focusgroup.contact"));
        assertThat(TestRedis.contentOf(redis)).as("no key or value holds an address in plain")
                .allSatisfy((key, value) -> assertThat(key + value).doesNotContain(ADA_MAIL, BEN_UPN, "mailcanary",
                        "upncanary"));

        // the facilitator's attendee list has the addresses
        HrSession pages = new HrSession(port);
        assertThat(pages.signIn(USER, PASSWORD).statusCode()).isEqualTo(302);
        String csv = csv(pages, sample);
        assertThat(csv).contains(ADA_MAIL, BEN_UPN, wording.text("focusgroup.contact"));

        // Ada withdraws: her address is gone at once
        Endpoint endpoint = new Endpoint(port);
        endpoint.post(ada.teams().message(ada.conversation(), "withdraw"));
        List<FakeConnector.Sent> asked = trial.connector().sentTo(ada.conversation());
        assertThat(asked.get(asked.size() - 1).cardText()).as("which one? both are offered")
                .contains(json(wording.text("focusgroup.withdraw.choose")), sample.id(), later.id());
        endpoint.post(ada.teams().button(ada.conversation(), Map.of("signpost", "focusgroup-withdraw",
                "round", sample.id())));
        assertThat(texts(ada)).anyMatch(text -> text.startsWith(opening(wording, "focusgroup.withdrawn")));
        assertThat(csv(pages, sample)).doesNotContain(ADA_MAIL).contains(BEN_UPN);
        assertThat(allSignUps(sample)).extracting(attendee -> attendee.signUp().contact()).doesNotContain(ADA_MAIL);
        assertThat(csv(pages, later)).as("only the sign-up she chose was withdrawn").contains(ADA_MAIL);

        // the retention period ends: Ben's address goes with every sign-up of the session
        clock.advance(Duration.between(clock.instant(), sample.retentionEndsAt()).plusMinutes(1));
        timer.tick();
        assertThat(allSignUps(sample)).isEmpty();
        assertThat(csv(pages, sample)).doesNotContain(BEN_UPN, ADA_MAIL);
        assertThat(TestRedis.contentOf(redis)).allSatisfy((key, value) -> assertThat(key)
                .doesNotStartWith("signpost:signup:{" + sample.id() + "}"));
    }

    private Person person(String name) {
        String userId = "29:contact-" + name + "-q7w";
        String display = "Contact " + name + " Zq";
        return new Person(userId, display, "a:contact-conversation-" + name,
                new Activities(trial.connector().serviceUrl(), userId, display, "aad-" + name + "-contact"));
    }

    private List<Attendee> allSignUps(Session session) {
        return Stream.concat(groups.store().seated(session.id()).stream(),
                groups.store().waiting(session.id()).stream()).toList();
    }

    private static String csv(HrSession pages, Session session) {
        var response = pages.getBytes("/focus-groups/" + session.id() + "/attendees.csv");
        assertThat(response.statusCode()).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** The confirm card (the last card that is not the menu), as sent. */
    private String lastCard(Person person) {
        List<FakeConnector.Sent> sent = trial.connector().sentTo(person.conversation());
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i).isCard() && sent.get(i).cardText().contains("submit")) {
                return sent.get(i).cardText();
            }
        }
        throw new AssertionError("no confirm card");
    }

    private List<String> texts(Person person) {
        // the words of each message (cards may be under them: the menu, a support card)
        return trial.connector().sentTo(person.conversation()).stream().map(FakeConnector.Sent::text)
                .filter(text -> !text.isEmpty()).toList();
    }

    private static String opening(Wording wording, String key) {
        String text = wording.text(key);
        int placeholder = text.indexOf('{');
        return placeholder < 0 ? text : text.substring(0, placeholder);
    }

    /** As the text appears inside a card's JSON. */
    private static String json(String text) {
        return text.replace("\"", "\\\"");
    }

}
