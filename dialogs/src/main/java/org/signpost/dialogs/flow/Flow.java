package org.signpost.dialogs.flow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.signpost.dialogs.kernel.Card;
import org.signpost.dialogs.kernel.Role;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.kernel.Turn;

/**
 * A feature's side of a flow: its definition per instance and what completing it does. The engine ({@link FlowEngine}) does everything else, once for every flow. Its wording keys are
 * {@code <id>.<suffix>} ({@link FlowWording}).
 */
public interface Flow {

    /** The flow's id: its capability, intent and card action id, and its wording prefix. */
    String id();

    /** The instances open now (survey rounds, a sign-up period); "begin" starts the first. */
    List<String> openInstances();

    /** {@link #openInstances} as a call the store may make together with the turn's other first reads. */
    default Together.Call<List<String>> openInstancesCall() {
        return this::openInstances;
    }

    /**
     * The same as the store may have read it a moment ago: what the menu offers in a turn that neither asks
     * for this flow nor clicks its card (those read {@link #openInstancesCall}).
     */
    default Together.Call<List<String>> recentOpenInstancesCall() {
        return openInstancesCall();
    }

    FlowDefinition definition(String instance);

    /**
     * Where its runs are kept when not in the engine's sealed store for every flow ({@link FlowRunStores}):
     * the survey keeps its own, so that submit deletes a run in the same atomic step as the counting.
     */
    default Optional<FlowRunStore> ownRuns() {
        return Optional.empty();
    }

    Completion completion();

    /** How long an unfinished run is kept. */
    Duration ttl();

    /** Who may start it: empty for everyone. */
    default Set<Role> roles() {
        return Set.of();
    }

    /** Whether the menu offers it, given the instances open now. */
    default boolean onMenu(List<String> openInstances) {
        return !openInstances.isEmpty();
    }

    /**
     * What the menu offers in its place (a capability's id) when nothing is left for this person in any instance open
     * now (every session signed up for: withdrawing); empty leaves it off the menu.
     */
    default Optional<String> offeredWhenNothingLeft() {
        return Optional.empty();
    }

    /**
     * Whether any step of any of its instances could take text typed into the chat: when not, a typed
     * message never asks whether the flow is open.
     */
    default boolean mayTakeTypedText() {
        return true;
    }

    /** Anything that takes answers needs cards: a text-only chat is told to open it in Teams. */
    default boolean cardsRequired() {
        return true;
    }

    /** Why this person cannot take part here (a wording key), checked before anything is shown or kept. */
    default Optional<String> refusal(Turn turn) {
        return Optional.empty();
    }

    /** What a free-text answer becomes before it is kept (the survey keeps only the themes it touches). */
    default String freeText(FlowDefinition.Step step, String text) {
        return text.strip();
    }

    /**
     * Why a valid-looking answer cannot be taken now (a wording key; the step is shown again and nothing
     * changes), such as a send time already past. Checked before {@link #freeText}. A free-text step left
     * empty is asked about with an empty value, so that a flow can say what the text needs (otherwise the
     * flow's {@code choose} wording is said).
     */
    default Optional<String> refuseAnswer(FlowDefinition.Step step, String value, Turn turn) {
        return Optional.empty();
    }

    /** Cards shown just before a step's own card (an announcement's preview before its confirm). */
    default List<Card> shownBefore(FlowDefinition.Step step, FlowRun run, Turn turn) {
        return List.of();
    }

    /** A consent was refused and the flow ended with nothing kept (for a count; nothing about who). */
    default void consentRefused() {
    }

    /** Cards under the receipt of a run completed now, above the menu (a sign-up's support card). */
    default List<Card> afterReceipt(Turn turn) {
        return List.of();
    }

    /** A live choice's options (value → label), as they are now. */
    default Map<String, String> liveOptions(String source, Turn turn) {
        return Map.of();
    }

    /** The values of the confirm step's text: by default how many answers were given ({@code count}). */
    default Map<String, String> summary(Turn turn, FlowRun run) {
        return Map.of("count", Long.toString(run.answered()));
    }
}
