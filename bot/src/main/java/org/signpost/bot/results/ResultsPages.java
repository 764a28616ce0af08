package org.signpost.bot.results;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.signpost.bot.redis.AuditLog;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.results.GroupingResult;
import org.signpost.dialogs.results.RoundReport;
import org.signpost.dialogs.survey.SurveyDefinition.Question;
import org.signpost.dialogs.survey.SurveyRound;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * HR's pages under {@code /hr}: a round's results (overview, priorities, every question,
 * managers against everyone else, round on round, themes), results by group, headcounts and the audit log
 * ({@link ExportPages} has the exports). Every view is written to the audit log.
 */
@Controller
final class ResultsPages {

    private static final int AUDIT_PAGE = 200;
    private static final long MAX_HEADCOUNT = 10_000_000;

    private final ResultsService results;
    private final AuditLog audit;
    private final Messages messages;

    ResultsPages(ResultsService results, AuditLog audit, Messages messages) {
        this.results = results;
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping("/hr/rounds/{round}")
    String round(@PathVariable("round") String roundId, Model model, Principal user) {
        RoundReport report = report(roundId);
        audit.record(user.getName(), "viewed", "round " + roundId);
        Labels labels = labels(report);
        common(model, report, labels);
        model.addAttribute("rates", RoundView.rates(report, labels));
        model.addAttribute("agreement", RoundView.agreement(report, labels));
        model.addAttribute("choices", RoundView.choices(report, labels));
        model.addAttribute("gaps", RoundView.managerGaps(report, labels));
        model.addAttribute("changes", RoundView.changes(report, labels));
        model.addAttribute("themes", RoundView.themes(report, labels));
        model.addAttribute("priorities", RoundView.priorities(report.priorities(), labels));
        model.addAttribute("ratio", Math.round(results.rules().underRepresentedRatio() * 100) + "%");
        return "hr/round";
    }

    @GetMapping("/hr/rounds/{round}/groups/{grouping}")
    String byGroup(@PathVariable("round") String roundId, @PathVariable("grouping") String groupingId, Model model,
            Principal user) {
        RoundReport report = report(roundId);
        if (report.results().survey().question(groupingId).filter(Question::grouping).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        // before k responses nothing is released: the page still opens, and says so
        GroupingResult grouping = report.results().grouping(groupingId)
                .orElseGet(() -> new GroupingResult(groupingId, List.of()));
        audit.record(user.getName(), "viewed", "round " + roundId + " by " + groupingId);
        Labels labels = labels(report);
        common(model, report, labels);
        model.addAttribute("grouping", labels.grouping(groupingId));
        List<RoundView.Table> tables = new ArrayList<>();
        for (Question question : report.results().survey().questions()) {
            // while the round is open there is no group to show: the page says when there will be
            if (!question.grouping() && report.results().groupsReleased()) {
                tables.add(RoundView.byGroup(report, labels, question, grouping));
            }
        }
        model.addAttribute("tables", tables);
        return "hr/group";
    }

    @GetMapping("/hr/rounds/{round}/headcounts")
    String headcounts(@PathVariable("round") String roundId, Model model, Principal user) {
        RoundReport report = report(roundId);
        audit.record(user.getName(), "viewed", "headcounts of round " + roundId);
        Labels labels = labels(report);
        common(model, report, labels);
        Map<String, Long> saved = results.headcounts(roundId);
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(field("all", labels.text("results.everyone"), "", saved));
        for (Question question : report.results().survey().questions()) {
            if (question.grouping()) {
                for (String value : question.optionIds()) {
                    fields.add(field(question.id() + ":" + value, labels.group(question.id(), value),
                            labels.grouping(question.id()), saved));
                }
            }
        }
        model.addAttribute("fields", fields);
        return "hr/headcounts";
    }

    @PostMapping("/hr/rounds/{round}/headcounts")
    String saveHeadcounts(@PathVariable("round") String roundId, @RequestParam Map<String, String> form,
            Principal user) {
        RoundReport report = report(roundId);
        Map<String, Long> headcounts = new LinkedHashMap<>();
        for (String group : groupKeys(report)) {
            String given = form.getOrDefault("h-" + group, "").strip();
            if (!given.isEmpty()) {
                headcounts.put(group, headcount(given));
            }
        }
        results.saveHeadcounts(roundId, headcounts);
        audit.record(user.getName(), "changed", "headcounts of round " + roundId);
        return "redirect:/hr/rounds/" + roundId + "/headcounts?saved";
    }

    /** A CSV with the columns grouping, group, headcount ("all" for everyone); it replaces what was there. */
    @PostMapping("/hr/rounds/{round}/headcounts/upload")
    String uploadHeadcounts(@PathVariable("round") String roundId, @RequestParam("file") MultipartFile file,
            Principal user) throws IOException {
        RoundReport report = report(roundId);
        List<String> known = groupKeys(report);
        Map<String, Long> headcounts = new LinkedHashMap<>();
        try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                    .setIgnoreSurroundingSpaces(true).get().parse(reader)) {
                String grouping = record.get("grouping");
                String group = grouping.equals("all") ? "all" : grouping + ":" + record.get("group");
                if (!known.contains(group)) {
                    return "redirect:/hr/rounds/" + roundId + "/headcounts?invalid";
                }
                headcounts.put(group, headcount(record.get("headcount")));
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            // a missing column or an unreadable number: nothing is saved
            return "redirect:/hr/rounds/" + roundId + "/headcounts?invalid";
        }
        results.saveHeadcounts(roundId, headcounts);
        audit.record(user.getName(), "uploaded", "headcounts of round " + roundId);
        return "redirect:/hr/rounds/" + roundId + "/headcounts?saved";
    }

    @GetMapping("/hr/audit")
    String auditLog(Model model, Principal user) {
        audit.record(user.getName(), "viewed", "audit log");
        model.addAttribute("w", wording());
        model.addAttribute("entries", audit.newest(AUDIT_PAGE).stream().map(entry -> Map.of(
                "at", RoundView.WHEN.format(entry.at().atZone(RoundView.LONDON)), "user", entry.user(),
                "action", entry.action(), "what", entry.what())).toList());
        return "hr/audit";
    }

    private void common(Model model, RoundReport report, Labels labels) {
        model.addAttribute("w", labels);
        model.addAttribute("report", report);
        model.addAttribute("title", labels.survey());
        model.addAttribute("released", RoundView.released(report));
        model.addAttribute("k", Integer.toString(report.results().k()));
        model.addAttribute("k1", Integer.toString(report.results().k() - 1));
        model.addAttribute("groupings", report.results().survey().questions().stream().filter(Question::grouping)
                .map(g -> Map.of("id", g.id(), "label", labels.grouping(g.id()))).toList());
    }

    private RoundReport report(String roundId) {
        return report(results, roundId);
    }

    /** The round's report; a malformed id is a bad request (400), an unknown round not found (404). */
    static RoundReport report(ResultsService results, String roundId) {
        return results.report(roundId).orElseThrow(() -> new ResponseStatusException(SurveyRound.validId(roundId)
                ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST));
    }

    private Labels labels(RoundReport report) {
        return new Labels(report.results().survey(), wording());
    }

    private Wording wording() {
        return messages.wording("en-GB");
    }

    private static List<String> groupKeys(RoundReport report) {
        List<String> keys = new ArrayList<>(List.of("all"));
        for (Question question : report.results().survey().questions()) {
            if (question.grouping()) {
                question.optionIds().forEach(value -> keys.add(question.id() + ":" + value));
            }
        }
        return keys;
    }

    private static Map<String, Object> field(String key, String label, String grouping, Map<String, Long> saved) {
        return Map.of("name", "h-" + key, "label", label, "grouping", grouping,
                "value", Optional.ofNullable(saved.get(key)).map(Object::toString).orElse(""));
    }

    private static long headcount(String text) {
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A headcount is a whole number");
        }
        if (value < 0 || value > MAX_HEADCOUNT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A headcount is between 0 and 10,000,000");
        }
        return value;
    }
}
