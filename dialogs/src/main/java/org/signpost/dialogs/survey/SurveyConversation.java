package org.signpost.dialogs.survey;

import static org.signpost.dialogs.survey.SurveyCards.ANSWER;
import static org.signpost.dialogs.survey.SurveyCards.QUESTION;
import static org.signpost.dialogs.survey.SurveyCards.ROUND;
import static org.signpost.dialogs.survey.SurveyCards.STEP;

import com.microsoft.bot.builder.MessageFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.signpost.dialogs.chat.AdaptiveCard;
import org.signpost.dialogs.chat.Cancel;
import org.signpost.dialogs.chat.Capability;
import org.signpost.dialogs.chat.Turn;
import org.signpost.dialogs.survey.SurveyDefinition.Question;
import org.signpost.dialogs.survey.SurveyTotals.Outcome;

/**
 * "Take the survey": a privacy statement, then one question at a time, then submit. Answers live only
 * in the short-lived progress record until submit turns them into counter increments, all at once.
 */
public final class SurveyConversation implements Capability, Cancel.Cancellable {

    private static final Pattern TYPED = Pattern.compile("(start|skip|cancel|submit|\\d{1,2})");

    /** What the person did: a card button with its inputs or, in a text-only channel, what they typed. */
    record Click(String step, Optional<String> round, Optional<String> question, Optional<String> answer) {
    }

    static final String ID = "survey";

    private final List<SurveyRound> openRounds;
    private final SurveyProgressStore progress;
    private final SurveyTotals totals;
    private final RespondentTokens tokens;
    private final ThemeExtractor themeExtractor;

    public SurveyConversation(List<SurveyRound> openRounds, SurveyProgressStore progress, SurveyTotals totals,
            RespondentTokens tokens, ThemeExtractor themeExtractor) {
        this.openRounds = List.copyOf(openRounds);
        this.progress = progress;
        this.totals = totals;
        this.tokens = tokens;
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
    public boolean wantsText(Turn turn) {
        String text = typed(turn);
        if (turn.cardsSupported() || currentRound().isEmpty() || text.isEmpty()) {
            return false;
        }
        if (text.equals("start")) {
            return true;
        }
        Optional<SurveyProgress> at = progress.load(currentRound().get().id(), turn.conversationKey());
        return at.isPresent() && (TYPED.matcher(text).matches() || onFreeText(at.get()));
    }

    private boolean onFreeText(SurveyProgress at) {
        List<Question> questions = currentRound().orElseThrow().survey().questions();
        return at.next() < questions.size() && questions.get(at.next()).type() == SurveyDefinition.Type.FREETEXT;
    }

    @Override
    public Optional<String> cancel(Turn turn) {
        Optional<SurveyRound> round = currentRound();
        if (round.isEmpty() || progress.load(round.get().id(), turn.conversationKey()).isEmpty()) {
            return Optional.empty();
        }
        progress.delete(round.get().id(), turn.conversationKey());
        return Optional.of("survey.cancelled");
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        Click click = click(turn);
        return switch (click.step()) {
            case "begin" -> begin(turn);
            case "start" -> start(turn, click);
            case "answer", "skip" -> answer(turn, click);
            case "submit" -> submit(turn, click);
            case "cancel" -> cancel(turn, click);
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

    private CompletableFuture<Void> start(Turn turn, Click click) {
        Optional<SurveyRound> round = openRound(click);
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

    private CompletableFuture<Void> answer(Turn turn, Click click) {
        boolean skip = click.step().equals("skip");
        Optional<SurveyRound> round = openRound(click);
        if (round.isEmpty()) {
            return refuse(turn, "survey.roundNotOpen");
        }
        Optional<SurveyProgress> saved = progress.load(round.get().id(), turn.conversationKey());
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
        progress.save(turn.conversationKey(), next);
        return ask(turn, round.get(), next);
    }

    /** The words go no further than this: only the themes they touch are kept. */
    private String themesOf(String text) {
        String typed = text.length() > SurveyCards.FREE_TEXT_LIMIT ? text.substring(0, SurveyCards.FREE_TEXT_LIMIT) : text;
        Set<String> themes = themeExtractor.themes(typed);
        List<String> ordered = SurveyDefinition.THEMES.stream().filter(themes::contains).toList();
        return String.join(",", ordered.isEmpty() ? List.of("other") : ordered);
    }

    private CompletableFuture<Void> submit(Turn turn, Click click) {
        Optional<SurveyRound> round = openRound(click);
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

    private CompletableFuture<Void> cancel(Turn turn, Click click) {
        openRound(click).ifPresent(round -> progress.delete(round.id(), turn.conversationKey()));
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

    /** The open round a click names; a closed, unknown or forged round id names none. */
    private Optional<SurveyRound> openRound(Click click) {
        return openRounds.stream().filter(round -> click.round().filter(round.id()::equals).isPresent()).findFirst();
    }

    private Click click(Turn turn) {
        if (turn.context().getActivity().getValue() != null) {
            Optional<String> answer = turn.submitted(ANSWER).or(() -> turn.submitted(AdaptiveCard.FREE_TEXT_KEY));
            return new Click(turn.submitted(STEP).orElse("begin"), turn.submitted(ROUND), turn.submitted(QUESTION),
                    answer);
        }
        String text = typed(turn);
        Optional<SurveyRound> round = currentRound();
        if (round.isEmpty()) {
            return new Click("begin", Optional.empty(), Optional.empty(), Optional.empty());
        }
        Optional<String> roundId = Optional.of(round.get().id());
        Optional<SurveyProgress> here = progress.load(round.get().id(), turn.conversationKey());
        if (here.isPresent() && onFreeText(here.get()) && !TYPED.matcher(text).matches()) {
            String question = round.get().survey().questions().get(here.get().next()).id();
            return new Click("answer", roundId, Optional.of(question),
                    Optional.of(turn.context().getActivity().getText()));
        }
        if (!TYPED.matcher(text).matches()) {
            return new Click("begin", Optional.empty(), Optional.empty(), Optional.empty());
        }
        if (!Character.isDigit(text.charAt(0)) && !text.equals("skip")) {
            return new Click(text, roundId, Optional.empty(), Optional.empty());
        }
        // a typed number or "skip" is about the question the person is on
        Optional<SurveyProgress> at = here;
        List<Question> questions = round.get().survey().questions();
        Optional<Question> current = at.filter(p -> p.next() < questions.size()).map(p -> questions.get(p.next()));
        Optional<String> question = current.map(Question::id);
        if (text.equals("skip")) {
            return new Click("skip", roundId, question, Optional.empty());
        }
        int number = Integer.parseInt(text);
        Optional<String> option = current.map(Question::optionIds)
                .map(options -> number >= 1 && number <= options.size() ? options.get(number - 1) : "#" + number);
        return new Click("answer", roundId, question, option);
    }

    private static String typed(Turn turn) {
        String text = turn.context().getActivity().getText();
        return text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
