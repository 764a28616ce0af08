package org.signpost.bot.results;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.survey.RoundEntry;
import org.signpost.dialogs.survey.RoundRegistry.Result;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.springframework.ui.Model;

/**
 * What the round pages show, in the pages' time zone: the list of rounds with their state and schedule, the
 * new-round form, a round's schedule form, and why an action was refused.
 */
final class RoundPageViews {

    private final ResultsService results;
    private final Messages messages;
    private final ZoneId zone;

    RoundPageViews(ResultsService results, Messages messages, ZoneId zone) {
        this.results = results;
        this.messages = messages;
        this.zone = zone;
    }

    String list(Model model, Optional<String> problem) {
        Wording wording = wording();
        model.addAttribute("w", wording);
        model.addAttribute("problem", problem.orElse(""));
        model.addAttribute("done", "");
        model.addAttribute("zone", zone.getId());
        List<Map<String, Object>> list = new ArrayList<>();
        for (ResultsService.Listing round : results.all()) {
            RoundEntry entry = round.entry();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", round.id());
            row.put("title", new Labels(round.survey(), wording).survey());
            row.put("state", wording.text("results.state." + entry.state().name().toLowerCase(Locale.ROOT)));
            row.put("schedule", scheduleText(wording, entry));
            row.put("trial", round.trial());
            row.put("results", round.hasResults());
            row.put("openable", entry.state() == RoundEntry.State.SCHEDULED);
            row.put("closable", entry.state() != RoundEntry.State.CLOSED);
            list.add(row);
        }
        model.addAttribute("rounds", list);
        return "hr/rounds";
    }

    String newRound(Model model, Map<String, String> form, Optional<String> problem) {
        Wording wording = wording();
        model.addAttribute("w", wording);
        model.addAttribute("problem", problem.orElse(""));
        model.addAttribute("zone", zone.getId());
        model.addAttribute("form", form);
        model.addAttribute("surveys", results.surveys().stream().map(id -> Map.of("id", id, "title",
                SurveyDefinition.localised(results.survey(id).title(), wording.locale()),
                "selected", id.equals(form.get("survey")))).toList());
        return "hr/new-round";
    }

    String schedule(Model model, RoundEntry round, Map<String, String> form, Optional<String> problem) {
        model.addAttribute("w", wording());
        model.addAttribute("problem", problem.orElse(""));
        model.addAttribute("zone", zone.getId());
        model.addAttribute("round", round.id());
        model.addAttribute("opensEditable", round.state() == RoundEntry.State.SCHEDULED);
        model.addAttribute("form", form);
        return "hr/schedule-round";
    }

    private String scheduleText(Wording wording, RoundEntry round) {
        List<String> parts = new ArrayList<>();
        if (round.state() == RoundEntry.State.SCHEDULED) {
            round.opensAt().ifPresent(at -> parts.add(wording.text("results.rounds.opensAt", Map.of("when", when(at)))));
        }
        if (round.state() != RoundEntry.State.CLOSED) {
            round.closesAt().ifPresent(at -> parts.add(wording.text("results.rounds.closesAt", Map.of("when", when(at)))));
        }
        return String.join("; ", parts);
    }

    String when(Instant at) {
        return RoundView.WHEN.format(at.atZone(zone));
    }

    String problem(Result result) {
        return problem(result.problem().orElseThrow().name(), result.other());
    }

    String problem(String name, Optional<String> other) {
        return wording().text("results.rounds.problem." + name, Map.of("other", other.orElse("")));
    }

    Wording wording() {
        return messages.wording("en-GB");
    }
}
