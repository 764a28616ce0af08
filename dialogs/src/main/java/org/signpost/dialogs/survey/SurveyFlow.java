package org.signpost.dialogs.survey;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.signpost.dialogs.flow.Completion;
import org.signpost.dialogs.flow.Flow;
import org.signpost.dialogs.flow.FlowDefinition;
import org.signpost.dialogs.flow.FlowDefinition.Step;
import org.signpost.dialogs.flow.FlowRun;
import org.signpost.dialogs.flow.FlowRunStore;
import org.signpost.dialogs.flow.StepType;
import org.signpost.dialogs.flow.Text;
import org.signpost.dialogs.kernel.Senders;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.kernel.Turn;
import org.signpost.dialogs.survey.SurveyDefinition.Question;

/**
 * "Take the survey", as a flow: a privacy statement, then one step per question of the round's survey,
 * then submit. Answers come only from card inputs, only from senders the channel vouches for, and live only
 * in the sealed progress record until submit turns them into counter increments, all at once; free text
 * is reduced to the themes it touches on arrival.
 */
public final class SurveyFlow implements Flow, Completion {

    public static final String ID = "survey";
    /** Step ids of the flow's own steps, which no question id can take (question ids start with a letter or digit). */
    static final String PRIVACY_STEP = "_privacy";
    static final String CONFIRM_STEP = "_confirm";

    private final SurveyRounds rounds;
    /**
     * The rounds this instance has seen open, and their flows' definitions: what survey a round asks never
     * changes (its structure is pinned when it opens, and a round id is never reused), so they are kept;
     * whether a round is open now is read once a turn (the engine asks {@link #openInstances()}).
     */
    private final Map<String, SurveyRound> seen = new ConcurrentHashMap<>();
    private final Map<String, FlowDefinition> definitions = new ConcurrentHashMap<>();
    private final SurveyProgressStore progress;
    private final SurveyTotals totals;
    private final RespondentTokens tokens;
    private final ThemeExtractor themeExtractor;
    private final Duration ttl;
    /** k: the smallest group any output shows, which the privacy statement promises. */
    private final int minGroupSize;
    private final FlowRunStore runs;

    public SurveyFlow(SurveyRounds rounds, SurveyProgressStore progress, SurveyTotals totals,
            RespondentTokens tokens, ThemeExtractor themeExtractor, Duration ttl, int minGroupSize) {
        this.rounds = rounds;
        this.progress = progress;
        this.totals = totals;
        this.tokens = tokens;
        this.themeExtractor = themeExtractor;
        this.ttl = ttl;
        this.minGroupSize = minGroupSize;
        this.runs = new SurveyRuns(progress, this::round);
    }

    /** The survey's flow, built from its survey file: the questions are not written down twice. */
    static FlowDefinition definition(SurveyDefinition survey, int minGroupSize) {
        List<Step> steps = new ArrayList<>();
        // the promise names the k this bot runs with, not a number written into the wording
        steps.add(new Step(PRIVACY_STEP, StepType.STATEMENT, Text.key("survey.privacy.title"),
                Text.key("survey.privacy.body", Map.of("questions", Integer.toString(survey.size()),
                        "k", Integer.toString(minGroupSize))), false,
                List.of(), List.of(), null, false));
        for (Question question : survey.questions()) {
            List<FlowDefinition.Option> options = new ArrayList<>();
            if (question.type() != SurveyDefinition.Type.FREETEXT) {
                for (String option : question.optionIds()) {
                    options.add(new FlowDefinition.Option(option, question.option(option)
                            .map(o -> Text.localised(o.text())).orElse(Text.key("survey.likert." + option))));
                }
            }
            steps.add(new Step(question.id(), stepType(question.type()), null, Text.localised(question.text()),
                    question.optional(), options, List.of(), null, false));
        }
        steps.add(Step.of(CONFIRM_STEP, StepType.CONFIRM, Text.key("survey.confirm")));
        return new FlowDefinition(ID, Text.localised(survey.title()), Set.of(), steps);
    }

    private static StepType stepType(SurveyDefinition.Type type) {
        return switch (type) {
            case LIKERT -> StepType.LIKERT;
            case SINGLE -> StepType.SINGLE_CHOICE;
            case GROUPING -> StepType.GROUPING;
            case FREETEXT -> StepType.FREE_TEXT;
        };
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
        return rounds.openCall().map(this::ids);
    }

    @Override
    public Together.Call<List<String>> recentOpenInstancesCall() {
        return rounds.recentOpenCall().map(this::ids);
    }

    private List<String> ids(Optional<SurveyRound> open) {
        open.ifPresent(round -> seen.putIfAbsent(round.id(), round));
        return open.map(SurveyRound::id).stream().toList();
    }

    @Override
    public FlowDefinition definition(String instance) {
        return definitions.computeIfAbsent(instance, id -> definition(round(id).survey(), minGroupSize));
    }

    /** The survey's questions are answered only by card: typed text is never an answer. */
    @Override
    public boolean mayTakeTypedText() {
        return false;
    }

    @Override
    public Optional<FlowRunStore> ownRuns() {
        return Optional.of(runs);
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
        Senders.Verdict sender = turn.sender();
        if (sender.known()) {
            return Optional.empty();
        }
        return Optional.of(sender.refusal() == Senders.Refusal.OTHER_TENANT ? "survey.otherOrganisation"
                : "survey.teamsOnly");
    }

    /** The words go no further than this: only the themes they touch are kept. */
    @Override
    public String freeText(Step step, String text) {
        Set<String> themes = themeExtractor.themes(text);
        List<String> ordered = SurveyDefinition.THEMES.stream().filter(themes::contains).toList();
        return String.join(",", ordered.isEmpty() ? List.of("other") : ordered);
    }

    @Override
    public boolean alreadyDone(Turn turn, String instance) {
        return totals.hasResponded(instance, tokens.token(respondentId(turn), instance));
    }

    @Override
    public Together.Call<Boolean> nothingLeftCall(Turn turn, String instance) {
        return totals.hasRespondedCall(instance, tokens.token(respondentId(turn), instance));
    }

    /** A round is answered once: counted (or found counted), nothing is left of it for this person. */
    @Override
    public boolean nothingLeftOnceDone() {
        return true;
    }

    @Override
    public Result complete(Turn turn, FlowRun run) {
        SurveyRound round = round(run.instance());
        CounterLayout.Submission submission = CounterLayout.submission(round.survey(), run.answers());
        SurveyTotals.Outcome counted = totals.submit(round.id(), tokens.token(respondentId(turn), round.id()), submission,
                turn.conversationKey());
        return switch (counted) {
            case COUNTED -> new Result(Completion.Outcome.DONE, Map.of("count", Long.toString(run.answered())));
            case ALREADY_COUNTED -> Result.of(Completion.Outcome.ALREADY_DONE);
            case ROUND_CLOSED -> Result.of(Completion.Outcome.CLOSED);
            case NOT_SAVED -> Result.of(Completion.Outcome.NOT_SAVED);
            case UNKNOWN -> Result.of(Completion.Outcome.MAYBE_SAVED);
        };
    }

    /** What the respondent token is made from, naming its kind: a vouched Entra object id, or a trial id. */
    static String respondentId(Senders.Sender sender) {
        return sender.vouched() ? "aad:" + sender.id().toLowerCase(Locale.ROOT)
                : "trial:" + sender.channel() + ":" + sender.id();
    }

    private static String respondentId(Turn turn) {
        // the engine asked refusal() first: only a known sender gets this far
        return respondentId(turn.sender().sender().orElseThrow());
    }

    /**
     * The round, once seen open: the engine has checked in this turn that it is open (a run may outlive it by
     * a turn; the submission checks in Redis itself that it is still open).
     */
    private SurveyRound round(String instance) {
        SurveyRound known = seen.get(instance);
        if (known != null) {
            return known;
        }
        SurveyRound open = rounds.open().filter(round -> round.id().equals(instance))
                .orElseThrow(() -> new IllegalArgumentException("No open round " + instance));
        seen.put(open.id(), open);
        return open;
    }
}
