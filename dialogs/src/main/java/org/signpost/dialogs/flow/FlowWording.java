package org.signpost.dialogs.flow;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The wording every flow has, as {@code <flow id>.<suffix>}. The suffixes are the survey's, the first flow
 * (so its keys did not change when it moved onto the engine).
 */
public enum FlowWording {
    START("start"), LATER("later"), LATER_REPLY("later.reply"), NEXT("next"), SKIP("skip"), CANCEL("cancel"),
    SUBMIT("submit"), RETRY("retry"), CHOOSE("choose"), RECEIPT("receipt"), RESUME("resume"),
    ALREADY_DONE("alreadyResponded"), ALREADY_COUNTED("alreadyCounted"), CANCELLED("cancelled"),
    STALE("staleCard"), INVALID("invalid"), REQUIRED("required"), EXPIRED("expired"), NONE_OPEN("noRound"),
    CLOSED("roundNotOpen"), NOT_SAVED("notSaved"), MAYBE_SAVED("maybeSaved"), CARDS_ONLY("cardsOnly"),
    /** "Question {number} of {total}", where a flow asks questions */
    PROGRESS("progress"),
    FREE_TEXT_PLACEHOLDER("freeText.placeholder"), FREE_TEXT_NOTE("freeText.note"),
    AGREE("agree"), REFUSE("refuse"), REFUSED("refused"), CONSENT_NEEDED("consentNeeded");

    /** Shared by every flow: another flow is in progress (its menu label is {flow}). */
    public static final String BUSY = "flow.busy";
    /** Shared by every flow: typed words that are no request, while a flow waits for its card. */
    public static final String TYPED_NOT_TAKEN = "flow.typedNotTaken";
    /** Shared by every flow: what reads as an answer (a card's option), typed while a flow waits for its card. */
    public static final String TYPED_ANSWER = "flow.typedAnswer";

    private final String suffix;

    FlowWording(String suffix) {
        this.suffix = suffix;
    }

    public String key(String flowId) {
        return flowId + "." + suffix;
    }

    /** The keys a flow with these steps needs. */
    static Set<FlowWording> neededBy(FlowDefinition definition) {
        Set<FlowWording> needed = EnumSet.range(NEXT, CARDS_ONLY);
        if (definition.opensWithStatement()) {
            needed.addAll(EnumSet.of(START, LATER, LATER_REPLY));
        }
        if (definition.questions() > 0) {
            needed.add(PROGRESS);
        }
        // only for a free-text step without its own
        if (definition.steps().stream().anyMatch(step -> step.type() == StepType.FREE_TEXT && step.placeholder() == null)) {
            needed.add(FREE_TEXT_PLACEHOLDER);
        }
        if (definition.steps().stream().anyMatch(step -> step.type() == StepType.FREE_TEXT && step.note() == null)) {
            needed.add(FREE_TEXT_NOTE);
        }
        if (definition.steps().stream().anyMatch(step -> step.type() == StepType.CONSENT)) {
            needed.addAll(EnumSet.of(AGREE, REFUSE, REFUSED, CONSENT_NEEDED));
        }
        return needed;
    }

    static Set<String> keys(String flowId, Set<FlowWording> wordings) {
        return wordings.stream().map(wording -> wording.key(flowId)).collect(Collectors.toSet());
    }
}
