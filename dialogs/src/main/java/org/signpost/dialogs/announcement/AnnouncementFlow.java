package org.signpost.dialogs.announcement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.signpost.dialogs.broadcast.Audience;
import org.signpost.dialogs.broadcast.Broadcast;
import org.signpost.dialogs.broadcast.DeliveryQueue;
import org.signpost.dialogs.content.ContentException;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.flow.Completion;
import org.signpost.dialogs.flow.Flow;
import org.signpost.dialogs.flow.FlowDefinition;
import org.signpost.dialogs.flow.FlowFiles;
import org.signpost.dialogs.flow.FlowRun;
import org.signpost.dialogs.flow.StepType;
import org.signpost.dialogs.kernel.Card;
import org.signpost.dialogs.kernel.Role;
import org.signpost.dialogs.kernel.Turn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ambassador's announcement ({@code flows/announcement.yaml}): a template, an audience, a time, a
 * preview of the card exactly as staff will see it, then confirm, which queues a broadcast. The broadcast
 * names no one, not even the ambassador; a retried confirm queues the same broadcast, never a second one.
 */
public final class AnnouncementFlow implements Flow, Completion {

    public static final String ID = "announcement";
    static final String INSTANCE = "draft";
    static final String TEMPLATE = "template";
    static final String AUDIENCE = "audience";
    static final String WHEN = "when";
    /** The ambassador's own words, for a template that takes them ("you said, we did": the actions taken). */
    static final String OWN_WORDS = "own-words";
    /**
     * The longest own words, in characters: a card that still reads as an announcement (the template's
     * heading and intro come first), well inside the card's text box and a Teams message's size.
     */
    public static final int OWN_WORDS_LIMIT = 600;
    static final String EVERYONE = "everyone";
    static final String CHANNELS = "channels";
    static final String BOTH = "both";

    private static final Logger log = LoggerFactory.getLogger(AnnouncementFlow.class);

    private final FlowDefinition definition;
    private final AnnouncementContent content;
    private final DeliveryQueue queue;
    private final Channels channels;
    private final Clock clock;
    private final Runnable queued;

    /** @param queued told when a broadcast was queued (the scheduler looks at once) */
    public AnnouncementFlow(ContentFolder folder, AnnouncementContent content, DeliveryQueue queue, Channels channels,
            Clock clock, Runnable queued) {
        this.definition = new FlowFiles(folder).load(ID);
        this.content = content;
        this.queue = queue;
        this.channels = channels;
        this.clock = clock;
        this.queued = queued;
        FlowDefinition.Step template = definition.step(TEMPLATE).filter(step -> step.type() == StepType.SINGLE_CHOICE)
                .orElseThrow(() -> new ContentException("flows/" + ID + ".yaml needs a single-choice step " + TEMPLATE));
        for (String option : template.optionIds()) {
            if (!content.hasTemplate(option)) {
                throw new ContentException("flows/" + ID + ".yaml offers the template " + option + ", which "
                        + AnnouncementContent.FILE + " does not have");
            }
        }
        if (definition.step(AUDIENCE).isEmpty() || definition.step(WHEN).isEmpty()) {
            throw new ContentException("flows/" + ID + ".yaml needs the steps " + AUDIENCE + " and " + WHEN);
        }
        for (String option : template.optionIds()) {
            boolean asked = definition.step(OWN_WORDS).filter(step -> step.type() == StepType.FREE_TEXT)
                    .filter(step -> step.when() != null && step.when().step().equals(TEMPLATE)
                            && step.when().is().equals(option)).isPresent();
            if (content.takesOwnWords(option) && !asked) {
                throw new ContentException("flows/" + ID + ".yaml offers the template " + option + ", which takes the "
                        + "ambassador's own words, without a free-text step " + OWN_WORDS + " shown for it");
            }
        }
    }

    /** Which tenant a turn belongs to: the one its conversation names (a local trial has none). */
    static String tenant(Turn turn) {
        String tenant = turn.tenant();
        return tenant.isBlank() ? "local" : tenant;
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * Not a menu item of its own: the ambassador's one menu item is the overview ({@link Campaign}), whose card
     * starts this flow, so the menu keeps to the six items Teams shows. Asking for it by name still works.
     */
    @Override
    public boolean onMenu(List<String> openInstances) {
        return false;
    }

    @Override
    public List<String> openInstances() {
        return List.of(INSTANCE);
    }

    @Override
    public FlowDefinition definition(String instance) {
        return definition;
    }

    @Override
    public Completion completion() {
        return this;
    }

    @Override
    public Duration ttl() {
        return Duration.ofHours(4);
    }

    @Override
    public Set<Role> roles() {
        return definition.roles();
    }

    @Override
    public Optional<String> refuseAnswer(FlowDefinition.Step step, String value, Turn turn) {
        if (step.id().equals(AUDIENCE) && !value.equals(EVERYONE) && channels.of(tenant(turn)).isEmpty()) {
            return Optional.of("announcement.audience.noChannels");
        }
        if (step.id().equals(WHEN)) {
            // "Next" with nothing written: there are no options to choose, so say what the step takes
            return value.isEmpty() ? Optional.of(SendTime.EMPTY) : SendTime.refusal(value, clock);
        }
        if (step.id().equals(OWN_WORDS)) {
            String words = value.strip();
            if (words.isEmpty()) {
                return Optional.of("announcement.own-words.empty");
            }
            if (words.codePointCount(0, words.length()) > OWN_WORDS_LIMIT) {
                return Optional.of("announcement.own-words.tooLong");
            }
        }
        return Optional.empty();
    }

    /** The own words are kept as written (trimmed); the send time as an instant; "Send now" keeps nothing. */
    @Override
    public String freeText(FlowDefinition.Step step, String text) {
        if (step.id().equals(OWN_WORDS)) {
            return text.strip();
        }
        return SendTime.parse(text).map(Instant::toString).orElse("");
    }

    @Override
    public List<Card> shownBefore(FlowDefinition.Step step, FlowRun run, Turn turn) {
        if (step.type() != StepType.CONFIRM) {
            return List.of();
        }
        return content.card(run.answers().getOrDefault(TEMPLATE, ""), run.answers().get(OWN_WORDS), turn.wording())
                .map(List::of).orElse(List.of());
    }

    @Override
    public Map<String, String> summary(Turn turn, FlowRun run) {
        String audience = run.answers().getOrDefault(AUDIENCE, EVERYONE);
        return Map.of("template", turn.wording().text(AnnouncementContent.nameKey(run.answers().getOrDefault(TEMPLATE, ""))),
                "audience", turn.wording().text("announcement.audience." + audience),
                "when", sendAt(run).map(at -> SendTime.describe(at, turn.wording()))
                        .orElseGet(() -> turn.wording().text("announcement.when.now")));
    }

    private static Optional<Instant> sendAt(FlowRun run) {
        String when = run.answers().getOrDefault(WHEN, "");
        return when.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(when));
    }

    @Override
    public boolean alreadyDone(Turn turn, String instance) {
        // an ambassador may send any number of announcements
        return false;
    }

    @Override
    public Result complete(Turn turn, FlowRun run) {
        String template = run.answers().getOrDefault(TEMPLATE, "");
        String audience = run.answers().getOrDefault(AUDIENCE, "");
        String ownWords = content.takesOwnWords(template) ? run.answers().getOrDefault(OWN_WORDS, "") : "";
        if (!content.hasTemplate(template) || content.takesOwnWords(template) && ownWords.isBlank()) {
            return Result.of(Outcome.CLOSED);
        }
        String tenant = tenant(turn);
        boolean everyone = audience.equals(EVERYONE) || audience.equals(BOTH);
        List<String> to = everyone && !audience.equals(BOTH) ? List.of() : channels.of(tenant);
        if (!everyone && to.isEmpty()) {
            return Result.of(Outcome.CLOSED);
        }
        Instant now = clock.instant();
        Instant at = sendAt(run).filter(time -> time.isAfter(now)).orElse(now);
        try {
            queue.schedule(new Broadcast(broadcastId(turn, run), tenant, template, ownWords, new Audience(everyone, to),
                    at));
        } catch (RuntimeException e) {
            // scheduling the same id twice changes nothing, so the retry card is safe
            log.warn("An announcement could not be queued: {}", e.getClass().getSimpleName());
            return Result.of(Outcome.MAYBE_SAVED);
        }
        queued.run();
        return Result.of(Outcome.DONE);
    }

    /**
     * The same for every confirm of one run (a retry queues nothing new), and different for every run: the
     * run's stored revision is unique to it. A digest, so it says nothing of the conversation.
     */
    private static String broadcastId(Turn turn, FlowRun run) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((turn.conversationKey() + "\n" + run.revision())
                    .getBytes(StandardCharsets.UTF_8));
            return "a" + HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
