package org.signpost.dialogs.survey;

import static org.signpost.dialogs.survey.SurveyCards.ANSWER;
import static org.signpost.dialogs.survey.SurveyCards.QUESTION;
import static org.signpost.dialogs.survey.SurveyCards.ROUND;
import static org.signpost.dialogs.survey.SurveyCards.STEP;

import com.microsoft.bot.builder.MessageFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.chat.Capability;
import org.signpost.dialogs.chat.Turn;
import org.signpost.dialogs.survey.SurveyDefinition.Question;
import org.signpost.dialogs.survey.SurveyTotals.Outcome;

/**
 * "Take the survey": a privacy statement, then one question at a time, then submit. Answers live only
 * in the short-lived progress record until submit turns them into counter increments, all at once.
 */
public final class SurveyConversation implements Capability {

    static final String ID = "survey";

    private final List<SurveyRound> openRounds;
    private final SurveyProgressStore progress;
    private final SurveyTotals totals;
    private final RespondentTokens tokens;

    public SurveyConversation(List<SurveyRound> openRounds, SurveyProgressStore progress, SurveyTotals totals,
            RespondentTokens tokens) {
        this.openRounds = List.copyOf(openRounds);
        this.progress = progress;
        this.totals = totals;
        this.tokens = tokens;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean onMenu() {
        return !openRounds.isEmpty();
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        String step = turn.submitted(STEP).orElse("begin");
        return switch (step) {
            case "begin" -> begin(turn);
            case "start" -> start(turn);
            case "answer", "skip" -> answer(turn, step.equals("skip"));
            case "submit" -> submit(turn);
            case "cancel" -> cancel(turn);
            case "later" -> turn.say("survey.later.reply").thenCompose(said -> turn.showMenu());
            default -> turn.say("survey.invalid").thenCompose(said -> turn.showMenu());
        };
    }

    private CompletableFuture<Void> begin(Turn turn) {
        Optional<SurveyRound> round = currentRound();
        if (round.isEmpty()) {
            return turn.say("survey.noRound").thenCompose(said -> turn.showMenu());
        }
        Optional<SurveyProgress> saved = progress.load(round.get().id(), turn.conversationKey());
        if (saved.isPresent()) {
            return turn.say("survey.resume").thenCompose(said -> ask(turn, round.get(), saved.get()));
        }
        if (totals.hasResponded(round.get().id(), tokens.token(turn.personId(), round.get().id()))) {
            return turn.say("survey.alreadyResponded").thenCompose(said -> turn.showMenu());
        }
        return turn.send(SurveyCards.privacyStatement(turn, round.get()));
    }

    private CompletableFuture<Void> start(Turn turn) {
        Optional<SurveyRound> round = submittedRound(turn);
        if (round.isEmpty()) {
            return refuse(turn, "survey.roundNotOpen");
        }
        Optional<SurveyProgress> saved = progress.load(round.get().id(), turn.conversationKey());
        if (saved.isPresent()) {
            // Start pressed twice, or again later: carry on where they are
            return ask(turn, round.get(), saved.get());
        }
        if (totals.hasResponded(round.get().id(), tokens.token(turn.personId(), round.get().id()))) {
            return turn.say("survey.alreadyResponded").thenCompose(said -> turn.showMenu());
        }
        SurveyProgress begun = SurveyProgress.begin(round.get().id());
        progress.save(turn.conversationKey(), begun);
        return ask(turn, round.get(), begun);
    }

    private CompletableFuture<Void> answer(Turn turn, boolean skip) {
        Optional<SurveyRound> round = submittedRound(turn);
        if (round.isEmpty()) {
            return refuse(turn, "survey.roundNotOpen");
        }
        Optional<SurveyProgress> saved = progress.load(round.get().id(), turn.conversationKey());
        if (saved.isEmpty()) {
            return refuse(turn, "survey.expired");
        }
        SurveyDefinition survey = round.get().survey();
        int index = survey.indexOf(turn.submitted(QUESTION).orElse(""));
        if (index < 0) {
            return turn.say("survey.invalid").thenCompose(said -> ask(turn, round.get(), saved.get()));
        }
        if (index != saved.get().next()) {
            // an earlier card clicked again, or a card from the future: nothing changes
            return turn.say("survey.staleCard").thenCompose(said -> ask(turn, round.get(), saved.get()));
        }
        Question question = survey.questions().get(index);
        String option;
        if (skip) {
            if (!question.optional()) {
                return turn.say("survey.required").thenCompose(said -> ask(turn, round.get(), saved.get()));
            }
            option = SurveyProgress.SKIPPED;
        } else {
            Optional<String> chosen = turn.submitted(ANSWER).filter(question.optionIds()::contains);
            if (chosen.isEmpty()) {
                String key = turn.submitted(ANSWER).isEmpty() ? "survey.choose" : "survey.invalid";
                return turn.say(key).thenCompose(said -> ask(turn, round.get(), saved.get()));
            }
            option = chosen.get();
        }
        SurveyProgress next = saved.get().answer(question.id(), option);
        progress.save(turn.conversationKey(), next);
        return ask(turn, round.get(), next);
    }

    private CompletableFuture<Void> submit(Turn turn) {
        Optional<SurveyRound> round = submittedRound(turn);
        if (round.isEmpty()) {
            return refuse(turn, "survey.roundNotOpen");
        }
        Optional<SurveyProgress> saved = progress.load(round.get().id(), turn.conversationKey());
        String token = tokens.token(turn.personId(), round.get().id());
        if (saved.isEmpty()) {
            // a second click after the first was counted lands here
            return totals.hasResponded(round.get().id(), token)
                    ? turn.say("survey.alreadyCounted").thenCompose(said -> turn.showMenu())
                    : refuse(turn, "survey.expired");
        }
        if (saved.get().next() < round.get().survey().size()) {
            return ask(turn, round.get(), saved.get());
        }
        Map<String, List<String>> increments = CounterLayout.increments(round.get().survey(), saved.get().answers());
        Outcome outcome = totals.submit(round.get().id(), token, increments, turn.conversationKey());
        return switch (outcome) {
            case COUNTED -> turn.send(MessageFactory.text(turn.wording().text("survey.receipt",
                    Map.of("count", Long.toString(saved.get().answered()))))).thenCompose(sent -> turn.showMenu());
            case ALREADY_COUNTED -> turn.say("survey.alreadyCounted").thenCompose(said -> turn.showMenu());
            case ROUND_CLOSED -> {
                progress.delete(round.get().id(), turn.conversationKey());
                yield refuse(turn, "survey.roundNotOpen");
            }
            case NOT_SAVED -> turn.send(SurveyCards.retry(turn, round.get(), "survey.notSaved"));
            case UNKNOWN -> turn.send(SurveyCards.retry(turn, round.get(), "survey.maybeSaved"));
        };
    }

    private CompletableFuture<Void> cancel(Turn turn) {
        openRounds.forEach(round -> progress.delete(round.id(), turn.conversationKey()));
        return turn.say("survey.cancelled").thenCompose(said -> turn.showMenu());
    }

    private CompletableFuture<Void> ask(Turn turn, SurveyRound round, SurveyProgress at) {
        if (at.next() < round.survey().size()) {
            return turn.send(SurveyCards.question(turn, round, at.next()));
        }
        return turn.send(SurveyCards.confirm(turn, round, at.answered()));
    }

    private CompletableFuture<Void> refuse(Turn turn, String wordingKey) {
        return turn.say(wordingKey).thenCompose(said -> turn.showMenu());
    }

    private Optional<SurveyRound> currentRound() {
        return openRounds.stream().findFirst();
    }

    /** The open round a card names; a closed, unknown or forged round id names none. */
    private Optional<SurveyRound> submittedRound(Turn turn) {
        Optional<String> id = turn.submitted(ROUND);
        return openRounds.stream().filter(round -> id.isPresent() && round.id().equals(id.get())).findFirst();
    }
}
