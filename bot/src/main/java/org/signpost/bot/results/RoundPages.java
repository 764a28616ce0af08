package org.signpost.bot.results;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.signpost.bot.redis.AuditLog;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.survey.RoundEntry;
import org.signpost.dialogs.survey.RoundRegistry;
import org.signpost.dialogs.survey.RoundRegistry.Result;
import org.signpost.dialogs.survey.SurveyRound;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * HR runs the rounds here: the list of rounds with their state and schedule, a new round (opened now or
 * scheduled), open now, close (after a confirmation: closing is final), and a round's schedule. Every
 * action, done or refused, is written to the audit log; a refused one changes nothing and says why.
 */
@Controller
final class RoundPages {

    private static final DateTimeFormatter FORM = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final RoundRegistry rounds;
    private final AuditLog audit;
    private final ZoneId zone;
    private final Clock clock;
    private final RoundPageViews views;

    RoundPages(ResultsService results, RoundRegistry rounds, AuditLog audit, Messages messages,
            ResultsSettings settings, Clock clock) {
        this.rounds = rounds;
        this.audit = audit;
        this.zone = settings.timeZone();
        this.clock = clock;
        this.views = new RoundPageViews(results, messages, zone);
    }

    @GetMapping("/hr")
    String list(@RequestParam(name = "done", required = false) String done,
            @RequestParam(name = "round", required = false) String round, Model model, Principal user) {
        audit.record(user.getName(), "viewed", "rounds");
        String page = views.list(model, Optional.empty());
        if (done != null && DONE.contains(done) && round != null && rounds.round(round).isPresent()) {
            model.addAttribute("done", views.wording().text("results.rounds.done." + done, Map.of("round", round)));
        }
        return page;
    }

    private static final List<String> DONE = List.of("opened", "scheduled", "closed");

    @GetMapping("/hr/new-round")
    String newRound(Model model, Principal user) {
        audit.record(user.getName(), "viewed", "new round form");
        return views.newRound(model, Map.of(), Optional.empty());
    }

    @PostMapping("/hr/new-round")
    String create(@RequestParam Map<String, String> form, Model model, Principal user, HttpServletResponse response) {
        String id = form.getOrDefault("id", "").strip();
        String survey = form.getOrDefault("survey", "");
        Optional<Optional<Instant>> opens = time(form.get("opens"));
        Optional<Optional<Instant>> closes = time(form.get("closes"));
        if (opens.isEmpty() || closes.isEmpty()) {
            audit.record(user.getName(), "was refused", "a new round " + printable(id) + " (a date was not readable)");
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return views.newRound(model, form, Optional.of(views.problem("MALFORMED_DATE", Optional.empty())));
        }
        Result result = rounds.create(id, survey, opens.get(), closes.get(), clock.instant());
        if (!result.done()) {
            audit.record(user.getName(), "was refused", "a new round " + printable(id) + " ("
                    + result.problem().orElseThrow() + ")");
            response.setStatus(status(result));
            return views.newRound(model, form, Optional.of(views.problem(result)));
        }
        audit.record(user.getName(), opens.get().isEmpty() ? "opened" : "scheduled", "new round " + id + " of survey "
                + survey + schedule(opens.get(), closes.get()));
        return "redirect:/hr?done=" + (opens.get().isEmpty() ? "opened" : "scheduled") + "&round=" + id;
    }

    @PostMapping("/hr/rounds/{round}/open")
    String open(@PathVariable("round") String id, Model model, Principal user, HttpServletResponse response) {
        wellFormed(id, user, "open round");
        Result result = rounds.open(id);
        if (!result.done()) {
            return refused(model, user, response, "open round " + printable(id), result);
        }
        audit.record(user.getName(), "opened", "round " + id);
        return "redirect:/hr?done=opened&round=" + id;
    }

    @GetMapping("/hr/rounds/{round}/close")
    String confirmClose(@PathVariable("round") String id, Model model, Principal user, HttpServletResponse response) {
        wellFormed(id, user, "close round");
        Optional<RoundEntry> round = rounds.round(id);
        if (round.isEmpty() || round.get().state() == RoundEntry.State.CLOSED) {
            Result refused = Result.refused(round.isEmpty() ? RoundRegistry.Problem.UNKNOWN_ROUND
                    : RoundRegistry.Problem.ALREADY_CLOSED);
            return refused(model, user, response, "close round " + printable(id), refused);
        }
        audit.record(user.getName(), "viewed", "closing round " + id);
        model.addAttribute("w", views.wording());
        model.addAttribute("round", id);
        return "hr/close-round";
    }

    @PostMapping("/hr/rounds/{round}/close")
    String close(@PathVariable("round") String id, Model model, Principal user, HttpServletResponse response) {
        wellFormed(id, user, "close round");
        Result result = rounds.close(id);
        if (!result.done()) {
            return refused(model, user, response, "close round " + printable(id), result);
        }
        audit.record(user.getName(), "closed", "round " + id);
        return "redirect:/hr?done=closed&round=" + id;
    }

    @GetMapping("/hr/rounds/{round}/schedule")
    String schedulePage(@PathVariable("round") String id, Model model, Principal user, HttpServletResponse response) {
        wellFormed(id, user, "schedule round");
        Optional<RoundEntry> round = rounds.round(id);
        if (round.isEmpty() || round.get().state() == RoundEntry.State.CLOSED) {
            Result refused = Result.refused(round.isEmpty() ? RoundRegistry.Problem.UNKNOWN_ROUND
                    : RoundRegistry.Problem.ALREADY_CLOSED);
            return refused(model, user, response, "schedule round " + printable(id), refused);
        }
        audit.record(user.getName(), "viewed", "schedule of round " + id);
        Map<String, String> form = new LinkedHashMap<>();
        round.get().opensAt().ifPresent(at -> form.put("opens", FORM.format(at.atZone(zone))));
        round.get().closesAt().ifPresent(at -> form.put("closes", FORM.format(at.atZone(zone))));
        return views.schedule(model, round.get(), form, Optional.empty());
    }

    @PostMapping("/hr/rounds/{round}/schedule")
    String schedule(@PathVariable("round") String id, @RequestParam Map<String, String> form, Model model,
            Principal user, HttpServletResponse response) {
        wellFormed(id, user, "schedule round");
        Optional<RoundEntry> round = rounds.round(id);
        if (round.isEmpty()) {
            return refused(model, user, response, "schedule round " + printable(id),
                    Result.refused(RoundRegistry.Problem.UNKNOWN_ROUND));
        }
        Optional<Optional<Instant>> opens = time(form.get("opens"));
        Optional<Optional<Instant>> closes = time(form.get("closes"));
        Result result = opens.isEmpty() || closes.isEmpty() ? null
                : rounds.schedule(id, opens.get(), closes.get(), clock.instant());
        if (result == null || !result.done()) {
            audit.record(user.getName(), "was refused", "a schedule for round " + id + " ("
                    + (result == null ? "a date was not readable" : result.problem().orElseThrow()) + ")");
            response.setStatus(result == null ? HttpServletResponse.SC_BAD_REQUEST : status(result));
            return views.schedule(model, round.get(), form, Optional.of(result == null
                    ? views.problem("MALFORMED_DATE", Optional.empty()) : views.problem(result)));
        }
        audit.record(user.getName(), "scheduled", "round " + id + schedule(opens.get(), closes.get()));
        return "redirect:/hr?done=scheduled&round=" + id;
    }

    /**
     * A malformed round id names no round: a bad request on the pages' own error page, as for a round's results,
     * not the list of rounds with "unknown round" (404).
     */
    private void wellFormed(String id, Principal user, String what) {
        if (!SurveyRound.validId(id)) {
            audit.record(user.getName(), "was refused", what + " " + printable(id) + " ("
                    + RoundRegistry.Problem.INVALID_ID + ")");
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
    }

    private String refused(Model model, Principal user, HttpServletResponse response, String what, Result result) {
        audit.record(user.getName(), "was refused", what + " (" + result.problem().orElseThrow() + ")");
        response.setStatus(status(result));
        return views.list(model, Optional.of(views.problem(result)));
    }

    private String schedule(Optional<Instant> opens, Optional<Instant> closes) {
        return opens.map(at -> ", opens " + views.when(at)).orElse("")
                + closes.map(at -> ", closes " + views.when(at)).orElse("");
    }

    /** A form's local date and time in the pages' time zone: empty when blank, none when unreadable. */
    private Optional<Optional<Instant>> time(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(Optional.empty());
        }
        try {
            return Optional.of(Optional.of(LocalDateTime.parse(text.strip()).atZone(zone).toInstant()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static int status(Result result) {
        return switch (result.problem().orElseThrow()) {
            case UNKNOWN_ROUND -> HttpServletResponse.SC_NOT_FOUND;
            case ALREADY_EXISTS, ALREADY_OPEN, ALREADY_CLOSED, ANOTHER_OPEN, COUNTERS_WITHOUT_METADATA ->
                    HttpServletResponse.SC_CONFLICT;
            default -> HttpServletResponse.SC_BAD_REQUEST;
        };
    }

    /** What someone typed as a round id, only if it is a plausible one: the audit log keeps no stray text. */
    private static String printable(String id) {
        return id != null && id.matches("[A-Za-z0-9-]{1,40}") ? id : "(not a round id)";
    }
}
