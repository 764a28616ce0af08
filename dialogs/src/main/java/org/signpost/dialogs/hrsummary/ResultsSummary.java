package org.signpost.dialogs.hrsummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Card;
import org.signpost.dialogs.kernel.Role;
import org.signpost.dialogs.kernel.Senders;
import org.signpost.dialogs.kernel.Turn;
import org.signpost.dialogs.privacy.PrivacyStatement;
import org.signpost.dialogs.results.Priorities;
import org.signpost.dialogs.results.RoundReport;
import org.signpost.dialogs.survey.SurveyDefinition;

/**
 * "Results", for HR only: a short summary of the current round (responses, response rate, the top three
 * priorities), all of it through disclosure control, and a link to the pages. For anyone else it does
 * not exist: no menu item, and asking for it is not understood, unless the words read next as a question about
 * privacy ("who can see the survey results"), which the privacy statement answers for everyone.
 */
public final class ResultsSummary implements Capability {

    static final int TOP = 3;

    private final ResultsSummaries summaries;
    private final String pagesUrl;

    public ResultsSummary(ResultsSummaries summaries, String pagesUrl) {
        this.summaries = summaries;
        this.pagesUrl = pagesUrl;
    }

    @Override
    public String id() {
        return "results";
    }

    @Override
    public boolean onMenu() {
        return true;
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.HR);
    }

    /** The privacy statement: it says who sees what, and tells nothing of the results or of HR's role. */
    @Override
    public Set<String> standIns() {
        return Set.of(PrivacyStatement.ID);
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        // only a person with the HR role gets here: the router checks roles(), which only vouched senders have
        Optional<RoundReport> report = summaries.current(turn.sender().sender().map(Senders.Sender::id).orElseThrow());
        if (report.isEmpty()) {
            return turn.sayThenMenu("results.summary.noRound");
        }
        return turn.reply().show(card(turn.wording(), report.get())).menu().send();
    }

    private Card card(Wording wording, RoundReport report) {
        SurveyDefinition survey = report.results().survey();
        String title = wording.text("results.summary.title", Map.of("survey",
                SurveyDefinition.localised(survey.title(), wording.locale()), "round", report.roundId()));
        List<String> lines = new ArrayList<>();
        if (report.trial()) {
            lines.add(wording.text("results.trialData"));
        }
        if (!report.results().shown()) {
            lines.add(wording.text("results.summary.notYet", Map.of("k", Integer.toString(report.results().k()))));
        } else {
            String responses = Long.toString(report.results().responses());
            lines.add(report.rates().overall().isPresent()
                    ? wording.text("results.summary.responsesAndRate", Map.of("responses", responses,
                            "rate", percent(report.rates().overall().getAsDouble())))
                    : wording.text("results.summary.responses", Map.of("responses", responses)));
            List<Priorities.Priority> top = Priorities.top(report.priorities(), TOP);
            if (!top.isEmpty()) {
                lines.add(wording.text("results.summary.priorities"));
                int number = 1;
                for (Priorities.Priority priority : top) {
                    lines.add(number++ + ". " + line(wording, survey, priority));
                }
            }
        }
        Card.Builder card = Card.builder().heading(title);
        lines.forEach(card::text);
        return card.openUrl(wording.text("results.summary.open"), pagesUrl).build();
    }

    private static String line(Wording wording, SurveyDefinition survey, Priorities.Priority priority) {
        String question = survey.question(priority.question())
                .map(q -> SurveyDefinition.localised(q.text(), wording.locale())).orElse(priority.question());
        String why = switch (priority.kind()) {
            case LOWEST -> wording.text("results.priority.lowest.why", Map.of("share", percent(priority.value())));
            case MANAGER_GAP -> wording.text("results.priority.gap.why", Map.of("managers",
                    percent(priority.value()), "others", percent(priority.other())));
            case FALL -> wording.text(priority.significant() ? "results.priority.fall.why.significant"
                    : "results.priority.fall.why", Map.of("before", percent(priority.other()),
                    "now", percent(priority.value())));
        };
        return question + " " + why;
    }

    private static String percent(double share) {
        return Math.round(share * 100) + "%";
    }
}
