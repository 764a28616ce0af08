package org.signpost.dialogs.focusgroup.chat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.signpost.dialogs.flow.Completion;
import org.signpost.dialogs.flow.Flow;
import org.signpost.dialogs.flow.FlowDefinition;
import org.signpost.dialogs.flow.FlowRun;
import org.signpost.dialogs.focusgroup.Address;
import org.signpost.dialogs.focusgroup.Attendee;
import org.signpost.dialogs.focusgroup.FocusGroupStore;
import org.signpost.dialogs.focusgroup.Placement;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.focusgroup.SignUp;
import org.signpost.dialogs.focusgroup.SignUpEvents;
import org.signpost.dialogs.kernel.Card;
import org.signpost.dialogs.kernel.SupportSignpost;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.kernel.Turn;

/**
 * "Join a focus group", as a flow ({@code flows/focusgroup.yaml}): confidential, not anonymous; the
 * information sheet; each consent statement agreed; a session with places, or a full one's waiting list;
 * exactly what will be stored; then the sign-up, in the focus groups' own keyspace, never beside survey
 * data. Its one instance is open while any session takes sign-ups.
 */
public final class FocusGroupFlow implements Flow, Completion {

    public static final String ID = "focusgroup";
    /** The one instance: the sessions open for sign-up now (a session is chosen within it). */
    public static final String OPEN = "open";
    static final String CONSENT_STEP = "consent";
    static final String SESSION_STEP = "session";
    static final String SESSIONS_SOURCE = "sessions";
    /** A choice's value for a full session's waiting list: the session id and this. */
    static final String WAIT = "/wait";
    private final FocusGroupStore store;
    private final FlowDefinition definition;
    private final SignUpEvents events;
    private final Contacts contacts;
    private final SupportSignpost support;
    private final String invitations;
    private final Duration ttl;
    private final Clock clock;
    private final SessionsOnOffer onOffer;

    /**
     * @param contacts    the work address the person's Teams profile gives, shown before it is kept
     * @param support     the support card, sent with the receipt (the one every conversation starts with)
     * @param invitations the address of the calendar invitations ({@code <invitations>/<session id>.ics})
     */
    public FocusGroupFlow(FocusGroupStore store, FlowDefinition definition, SignUpEvents events, Contacts contacts,
            SupportSignpost support, String invitations, Duration ttl, Clock clock) {
        if (!definition.id().equals(ID) || definition.step(CONSENT_STEP).isEmpty()
                || definition.step(SESSION_STEP).isEmpty()) {
            throw new IllegalArgumentException("The focus-group flow needs its consent and session steps");
        }
        this.store = store;
        this.definition = definition;
        this.events = events;
        this.contacts = contacts;
        this.support = support;
        this.invitations = invitations.endsWith("/") ? invitations.substring(0, invitations.length() - 1) : invitations;
        this.ttl = ttl;
        this.clock = clock;
        this.onOffer = new SessionsOnOffer(store, clock);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<String> openInstances() {
        return openInstancesCall().alone();
    }

    @Override
    public Together.Call<List<String>> openInstancesCall() {
        return store.takingSignUpsCall(clock.instant()).map(taking -> taking ? List.of(OPEN) : List.of());
    }

    @Override
    public FlowDefinition definition(String instance) {
        return definition;
    }

    /** Its one definition says so: when it takes no typed text, a typed message never asks whether sign-ups are open. */
    @Override
    public boolean mayTakeTypedText() {
        return definition.takesTypedText();
    }

    /** Every session taking sign-ups signed up for: the menu offers withdrawing instead of joining. */
    @Override
    public Optional<String> offeredWhenNothingLeft() {
        return Optional.of(FocusGroupWithdrawal.ID);
    }

    @Override
    public Completion completion() {
        return this;
    }

    @Override
    public Duration ttl() {
        return ttl;
    }

    @Override
    public Optional<String> refusal(Turn turn) {
        return People.refusal(turn);
    }

    @Override
    public void consentRefused() {
        events.record(SignUpEvents.Outcome.REFUSED_CONSENT);
    }

    @Override
    public Map<String, String> liveOptions(String source, Turn turn) {
        return source.equals(SESSIONS_SOURCE) ? onOffer.options(turn) : Map.of();
    }

    /**
     * What will be stored, exactly: shown on the confirm step before anything is. The address is the one the
     * Teams profile gives now; without one, it says the facilitators will reach them through this chat.
     */
    @Override
    public Map<String, String> summary(Turn turn, FlowRun run) {
        Map<String, String> values = new LinkedHashMap<>(Map.of("title", "", "when", "", "place", "", "deleted", ""));
        chosen(run).flatMap(store::session).ifPresent(session -> {
            values.putAll(People.session(session));
            // the session's retention, not "after the session": what "what do you keep" says once it is kept
            values.put("deleted", People.DELETED.format(session.retentionEndsAt()));
        });
        values.put("name", People.displayName(turn));
        values.put("contact", People.contact(turn, contacts)
                .map(address -> turn.wording().text("focusgroup.contact.address", Map.of("address", address)))
                .orElseGet(() -> turn.wording().text("focusgroup.contact.chat")));
        return values;
    }

    /** Whether they hold a sign-up for a session still taking sign-ups (so a second "Sign me up" is told so). */
    @Override
    public boolean alreadyDone(Turn turn, String instance) {
        return onOffer.holdsAnyTakingSignUps(turn);
    }

    /** Whether they hold a sign-up for every session taking sign-ups now: then there is nothing to offer. */
    @Override
    public boolean nothingLeft(Turn turn, String instance) {
        return onOffer.holdsEveryTakingSignUps(turn);
    }

    @Override
    public Together.Call<Boolean> nothingLeftCall(Turn turn, String instance) {
        return onOffer.holdsEveryTakingSignUpsCall(turn);
    }

    @Override
    public Result complete(Turn turn, FlowRun run) {
        Optional<Address> address = People.address(turn);
        Optional<Session> session = chosen(run).flatMap(store::session);
        if (!run.consented(CONSENT_STEP) || address.isEmpty() || session.isEmpty()) {
            // a run that skipped consent cannot be stored, whatever a card claimed
            return Result.of(Outcome.CLOSED);
        }
        Instant now = clock.instant();
        boolean wait = run.answers().get(SESSION_STEP).endsWith(WAIT);
        // looked up again, as on the confirm step: never more than was shown (a failed lookup keeps the chat only)
        String contact = People.contact(turn, contacts).orElseGet(() -> turn.wording().text("focusgroup.contact"));
        SignUp signUp = new SignUp(session.get().id(), People.displayName(turn), contact, consentVersion(turn), now);
        Placement placement;
        try {
            placement = store.signUp(new Attendee(signUp, address.get()), wait, now);
        } catch (RuntimeException e) {
            // signing up again tells whether it was kept (already signed up), and never doubles it
            return Result.of(Outcome.MAYBE_SAVED);
        }
        Map<String, String> receipt = new LinkedHashMap<>(People.session(session.get()));
        receipt.put("calendar", invitations + "/" + session.get().id() + ".ics");
        return switch (placement) {
            case SEATED -> {
                events.record(SignUpEvents.Outcome.SIGNED_UP);
                yield new Result(Outcome.DONE, receipt);
            }
            case WAITING -> {
                events.record(SignUpEvents.Outcome.WAITING_LIST);
                receipt.remove("calendar");
                yield new Result(Outcome.DONE, receipt, "focusgroup.receipt.waiting");
            }
            case ALREADY_SIGNED_UP -> Result.of(Outcome.ALREADY_DONE);
            case FULL, NOT_TAKING_SIGN_UPS -> Result.of(Outcome.CLOSED);
        };
    }

    /** After the receipt and its ground rules: where to get support, before, during and after the session. */
    @Override
    public List<Card> afterReceipt(Turn turn) {
        return support.card(turn);
    }

    /** The version of the consent form as the person read it: its statements' words, hashed. */
    String consentVersion(Turn turn) {
        List<String> words = new ArrayList<>();
        definition.step(CONSENT_STEP).ifPresent(step -> {
            words.add(step.text().in(turn.wording()));
            step.statements().stream().map(text -> text.in(turn.wording())).forEach(words::add);
        });
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", words).getBytes(StandardCharsets.UTF_8));
            return turn.wording().locale().toLanguageTag() + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static Optional<String> chosen(FlowRun run) {
        return Optional.ofNullable(run.answers().get(SESSION_STEP))
                .map(value -> value.endsWith(WAIT) ? value.substring(0, value.length() - WAIT.length()) : value)
                .filter(Session::wellFormedId);
    }

    /** The wording keys beyond the flow definition's own. */
    public static List<String> wordingKeys() {
        return List.of("focusgroup.option.places", "focusgroup.option.full", "focusgroup.contact",
                "focusgroup.contact.address", "focusgroup.contact.chat", "focusgroup.noName", "focusgroup.receipt.waiting",
                "focusgroup.teamsOnly",
                "focusgroup.otherOrganisation", "menu.focusgroup", "menu.focusgroup.keyword");
    }
}
