package org.signpost.dialogs.survey;

import static org.signpost.dialogs.survey.SurveyCards.ANSWER;
import static org.signpost.dialogs.survey.SurveyCards.QUESTION;
import static org.signpost.dialogs.survey.SurveyCards.ROUND;
import static org.signpost.dialogs.survey.SurveyCards.STEP;

import com.microsoft.bot.builder.MessageFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.chat.AdaptiveCard;
import org.signpost.dialogs.chat.Cancel;
import org.signpost.dialogs.chat.Capability;
import org.signpost.dialogs.chat.Senders;
import org.signpost.dialogs.chat.Turn;
import org.signpost.dialogs.survey.SurveyDefinition.Question;
import org.signpost.dialogs.survey.SurveyTotals.Outcome;

/**
 * "Take the survey": a privacy statement, then one question at a time, then submit. Answers come only
 * from card inputs (typed text never is one), only from senders the channel vouches for, and live only
 * in the sealed progress record until submit turns them into counter increments, all at once.
 */
public final class SurveyConversation implements Capability, Cancel.Cancellable {

    /** What the person pressed: a card button's step, with the card's inputs. */
    record Click(String step, Optional<String> round, Optional<String> question, Optional<String> answer) {
    }

    static final String ID = "survey";

    private final List<SurveyRound> openRounds;
    private final SurveyProgressStore progress;
    private final SurveyTotals totals;
    private final RespondentTokens tokens;
    private final Senders senders;
    private final ThemeExtractor themeExtractor;

    public SurveyConversation(List<SurveyRound> openRounds, SurveyProgressStore progress, SurveyTotals totals,
            RespondentTokens tokens, Senders senders, ThemeExtractor themeExtractor) {
        this.openRounds = List.copyOf(openRounds);
        this.progress = progress;
        this.totals = totals;
        this.tokens = tokens;
        this.senders = senders;
        this.themeExtractor = themeExtractor;
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
    public Optional<String> cancel(Turn turn) {
        Optional<SurveyRound> round = currentRound();
        if (round.isEmpty() || progress.load(round.get(), turn.conversationKey()).isEmpty()) {
            return Optional.empty();
        }
        progress.delete(round.get().id(), turn.conversationKey());
        return Optional.of("survey.cancelled");
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        if (!turn.cardsSupported()) {
            // a text-only chat would need typed answers, and typed text stays in the chat's history
            return refuse(turn, "survey.cardsOnly");
        }
        Senders.Verdict sender = senders.of(turn.context().getActivity());
        if (!sender.known()) {
            return refuse(turn, sender.refusal() == Senders.Refusal.OTHER_TENANT ? "survey.otherOrganisation"
                    : "survey.teamsOnly");
        }
        String respondent = respondentId(sender.sender().orElseThrow());
        Click click = click(turn);
        return switch (click.step()) {
            case "begin" -> begin(turn, respondent);
            case "start" -> start(turn, click, respondent);
            case "answer", "skip" -> answer(turn, click, respondent);
            case "submit" -> submit(turn, click, respondent);
            case "cancel" -> cancel(turn, click);
            case "later" -> turn.say("survey.later.reply").thenCompose(said -> turn.showMenu());
            default -> turn.say("survey.invalid").thenCompose(said -> turn.showMenu());
        };
    }

    private CompletableFuture<Void> begin(Turn turn, String respondent) {
        Optional<SurveyRound> round = currentRound();
        if (round.isEmpty()) {
            return turn.say("survey.noRound").thenCompose(said -> turn.showMenu());
        }
        Optional<SurveyProgress> saved = progress.load(round.get(), turn.conversationKey());
        if (saved.isPresent()) {
            return turn.say("survey.resume").thenCompose(said -> ask(turn, round.get(), saved.get()));
        }
        if (responded(round.get(), respondent)) {
            return turn.say("survey.alreadyResponded").thenCompose(said -> turn.showMenu());
        }
        return turn.send(SurveyCards.privacyStatement(turn, round.get()));
    }

    private CompletableFuture<Void> start(Turn turn, Click click, String respondent) {
        Optional<SurveyRound> round = openRound(click);
        if (round.isEmpty()) {
            return refuse(turn, "survey.roundNotOpen");
        }
        Optional<SurveyProgress> saved = progress.load(round.get(), turn.conversationKey());
        if (saved.isPresent()) {
            // Start pressed twice, or again later: carry on where they are
            return ask(turn, round.get(), saved.get());
        }
        if (responded(round.get(), respondent)) {
            return turn.say("survey.alreadyResponded").thenCompose(said -> turn.showMenu());
        }
        SurveyProgress begun = SurveyProgress.begin(round.get().id());
        if (!progress.save(round.get(), turn.conversationKey(), begun)) {
            return whereTheyAre(turn, round.get(), respondent);
        }
        return ask(turn, round.get(), begun);
    }

    private CompletableFuture<Void> answer(Turn turn, Click click, String respondent) {
        boolean skip = click.step().equals("skip");
        Optional<SurveyRound> round = openRound(click);
        if (round.isEmpty()) {
            return refuse(turn, "survey.roundNotOpen");
        }
        Optional<SurveyProgress> saved = progress.load(round.get(), turn.conversationKey());
        if (saved.isEmpty()) {
            return refuse(turn, "survey.expired");
        }
        SurveyDefinition survey = round.get().survey();
        int index = survey.indexOf(click.question().orElse(""));
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
            Optional<String> chosen = question.type() == SurveyDefinition.Type.FREETEXT
                    ? click.answer().filter(text -> !text.isBlank()).map(this::themesOf)
                    : click.answer().filter(question.optionIds()::contains);
            if (chosen.isEmpty()) {
                String key = click.answer().filter(text -> !text.isBlank()).isEmpty() ? "survey.choose" : "survey.invalid";
                return turn.say(key).thenCompose(said -> ask(turn, round.get(), saved.get()));
            }
            option = chosen.get();
        }
        SurveyProgress next = saved.get().answer(question.id(), option);
        if (!progress.save(round.get(), turn.conversationKey(), next)) {
            // another click (on another instance, perhaps) changed or ended it first: it stands
            return whereTheyAre(turn, round.get(), respondent);
        }
        return ask(turn, round.get(), next);
    }

    /** The words go no further than this: only the themes they touch are kept. */
    private String themesOf(String text) {
        String typed = text.length() > SurveyCards.FREE_TEXT_LIMIT ? text.substring(0, SurveyCards.FREE_TEXT_LIMIT) : text;
        Set<String> themes = themeExtractor.themes(typed);
        List<String> ordered = SurveyDefinition.THEMES.stream().filter(themes::contains).toList();
        return String.join(",", ordered.isEmpty() ? List.of("other") : ordered);
    }

    private CompletableFuture<Void> submit(Turn turn, Click click, String respondent) {
        Optional<SurveyRound> round = openRound(click);
        if (round.isEmpty()) {
            return refuse(turn, "survey.roundNotOpen");
        }
        Optional<SurveyProgress> saved = progress.load(round.get(), turn.conversationKey());
        String token = tokens.token(respondent, round.get().id());
        if (saved.isEmpty()) {
            // a second click after the first was counted lands here
            return totals.hasResponded(round.get().id(), token)
                    ? turn.say("survey.alreadyCounted").thenCompose(said -> turn.showMenu())
                    : refuse(turn, "survey.expired");
        }
        if (saved.get().next() < round.get().survey().size()) {
            return ask(turn, round.get(), saved.get());
        }
        CounterLayout.Submission submission = CounterLayout.submission(round.get().survey(), saved.get().answers());
        Outcome outcome = totals.submit(round.get().id(), token, submission, turn.conversationKey());
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

    private CompletableFuture<Void> cancel(Turn turn, Click click) {
        openRound(click).ifPresent(round -> progress.delete(round.id(), turn.conversationKey()));
        return turn.say("survey.cancelled").thenCompose(said -> turn.showMenu());
    }

    /** After a save lost a race: show where the person really is now. */
    private CompletableFuture<Void> whereTheyAre(Turn turn, SurveyRound round, String respondent) {
        Optional<SurveyProgress> now = progress.load(round, turn.conversationKey());
        if (now.isPresent()) {
            return turn.say("survey.staleCard").thenCompose(said -> ask(turn, round, now.get()));
        }
        return responded(round, respondent)
                ? turn.say("survey.alreadyCounted").thenCompose(said -> turn.showMenu())
                : refuse(turn, "survey.expired");
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

    /** What the respondent token is made from, naming its kind: a vouched Entra object id, or a trial id. */
    static String respondentId(Senders.Sender sender) {
        return sender.vouched() ? "aad:" + sender.id().toLowerCase(Locale.ROOT)
                : "trial:" + sender.channel() + ":" + sender.id();
    }

    private boolean responded(SurveyRound round, String respondent) {
        return totals.hasResponded(round.id(), tokens.token(respondent, round.id()));
    }

    private Optional<SurveyRound> currentRound() {
        return openRounds.stream().findFirst();
    }

    /** The open round a click names; a closed, unknown or forged round id names none. */
    private Optional<SurveyRound> openRound(Click click) {
        return openRounds.stream().filter(round -> click.round().filter(round.id()::equals).isPresent()).findFirst();
    }

    /** A card's submit data; typed text (routed here as "take the survey") only ever begins or resumes. */
    private static Click click(Turn turn) {
        if (turn.context().getActivity().getValue() == null) {
            return new Click("begin", Optional.empty(), Optional.empty(), Optional.empty());
        }
        Optional<String> answer = turn.submitted(ANSWER).or(() -> turn.submitted(AdaptiveCard.FREE_TEXT_KEY));
        return new Click(turn.submitted(STEP).orElse("begin"), turn.submitted(ROUND), turn.submitted(QUESTION), answer);
    }
}
