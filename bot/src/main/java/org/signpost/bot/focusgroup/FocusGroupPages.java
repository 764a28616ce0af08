package org.signpost.bot.focusgroup;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.signpost.bot.redis.AuditLog;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.focusgroup.FocusGroups;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.focusgroup.SessionStatus;
import org.signpost.dialogs.focusgroup.SessionTemplates;
import org.signpost.dialogs.focusgroup.SessionWarning;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Facilitators' and HR's pages under {@code /focus-groups}: the sessions, a new or changed session, a
 * session with its sign-ups as they arrive, the attendee list as CSV, the discussion guide to print, and
 * the key points after the session. Every view of sign-ups is written to the audit log, and every download as begun and as done or failed.
 */
@Controller
final class FocusGroupPages {

    private final FocusGroups groups;
    private final SessionTemplates templates;
    private final AuditLog audit;
    private final Messages messages;
    private final Clock clock;
    private final SessionViews views;

    FocusGroupPages(FocusGroups groups, SessionTemplates templates, AuditLog audit, Messages messages, Clock clock) {
        this.groups = groups;
        this.templates = templates;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
        this.views = new SessionViews(groups);
    }

    @GetMapping("/focus-groups")
    String sessions(Model model) {
        Wording wording = wording();
        model.addAttribute("w", wording);
        model.addAttribute("sessions", views.sessions(wording));
        return "focusgroups/sessions";
    }

    @GetMapping("/focus-groups/new")
    String newSession(@RequestParam(name = "audience", required = false) String audience, Model model) {
        Optional<String> group = Optional.ofNullable(audience).map(String::strip)
                .filter(text -> !text.isEmpty() && text.length() <= Session.MAX_TEXT);
        return form(model, SessionForm.blank(group, templates.defaultGuide()), null, false);
    }

    @PostMapping("/focus-groups")
    String create(@RequestParam Map<String, String> submitted, Model model, Principal user) {
        SessionForm form = SessionForm.of(submitted);
        Session draft;
        try {
            draft = form.draft();
        } catch (IllegalArgumentException e) {
            return form(model, form, null, true);
        }
        if (past(draft)) {
            return past(model, form, null);
        }
        groups.save(draft);
        audit.record(user.getName(), "created", "focus group " + draft.id());
        return "redirect:/focus-groups/" + draft.id() + "?saved";
    }

    @GetMapping("/focus-groups/{id}")
    String session(@PathVariable("id") String id, Model model, Principal user) {
        Session session = find(id);
        audit.record(user.getName(), "viewed", "sign-ups of focus group " + id);
        Wording wording = wording();
        Instant now = clock.instant();
        model.addAttribute("w", wording);
        model.addAttribute("fg", views.view(session, wording));
        model.addAttribute("warnings", session.warnings().stream().map(SessionWarning::wordingKey).map(wording::text).toList());
        model.addAttribute("seated", SessionViews.attendees(groups.store().seated(id)));
        model.addAttribute("waiting", SessionViews.attendees(groups.store().waiting(id)));
        model.addAttribute("canPublish", session.status().canBecome(SessionStatus.OPEN));
        model.addAttribute("canCancel", session.status().canBecome(SessionStatus.CANCELLED));
        model.addAttribute("editable", session.status().editable());
        model.addAttribute("held", session.held(now)
                && (session.status() == SessionStatus.OPEN || session.status() == SessionStatus.EXPIRED));
        model.addAttribute("keyPoints", session.keyPoints().orElse(""));
        return "focusgroups/session";
    }

    @GetMapping("/focus-groups/{id}/edit")
    String edit(@PathVariable("id") String id, Model model) {
        Session session = find(id);
        if (!session.status().editable()) {
            return "redirect:/focus-groups/" + id;
        }
        return form(model, SessionForm.of(session), id, false);
    }

    @PostMapping("/focus-groups/{id}")
    String update(@PathVariable("id") String id, @RequestParam Map<String, String> submitted, Model model,
            Principal user) {
        Session session = find(id);
        SessionForm form = SessionForm.of(submitted);
        Session edited;
        try {
            edited = session.edited(form.draft());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return form(model, form, id, true);
        }
        if (past(edited)) {
            return past(model, form, id);
        }
        try {
            groups.save(edited);
        } catch (IllegalStateException expired) {
            return form(model, form, id, true);
        }
        audit.record(user.getName(), "changed", "focus group " + id);
        return "redirect:/focus-groups/" + id + "?saved";
    }

    @PostMapping("/focus-groups/{id}/publish")
    String publish(@PathVariable("id") String id, Principal user) {
        if (past(find(id))) {
            // nobody could sign up for it: not opened
            return "redirect:/focus-groups/" + id + "?invalid";
        }
        return transition(id, user, "opened", Session::publish);
    }

    @PostMapping("/focus-groups/{id}/cancel")
    String cancel(@PathVariable("id") String id, Principal user) {
        return transition(id, user, "cancelled", Session::cancel);
    }

    @PostMapping("/focus-groups/{id}/delete")
    String delete(@PathVariable("id") String id, Principal user) {
        find(id);
        groups.store().delete(id);
        audit.record(user.getName(), "deleted", "focus group " + id + " and its sign-ups");
        return "redirect:/focus-groups?deleted";
    }

    @PostMapping("/focus-groups/{id}/key-points")
    String keyPoints(@PathVariable("id") String id, @RequestParam("keyPoints") String text, Principal user) {
        Session session = find(id);
        try {
            groups.save(session.withKeyPoints(text, clock.instant()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return "redirect:/focus-groups/" + id + "?invalid";
        }
        audit.record(user.getName(), "recorded", "key points of focus group " + id);
        return "redirect:/focus-groups/" + id + "?saved";
    }

    @GetMapping("/focus-groups/{id}/attendees.csv")
    void attendees(@PathVariable("id") String id, Principal user, HttpServletResponse response) throws IOException {
        Session session = find(id);
        audit.download(user.getName(), "attendee list of focus group " + id, () -> {
            byte[] csv = AttendeeList.csv(groups.store().seated(id), groups.store().waiting(id), wording());
            response.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8).toString());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename("focus-group-" + session.id() + "-attendees.csv").build().toString());
            response.setContentLength(csv.length);
            // written here rather than returned, so that the audit log records it as sent only once it was
            response.getOutputStream().write(csv);
            response.flushBuffer();
        });
    }

    @GetMapping("/focus-groups/{id}/guide")
    String guide(@PathVariable("id") String id, Model model) {
        Session session = find(id);
        Wording wording = wording();
        model.addAttribute("w", wording);
        model.addAttribute("fg", views.view(session, wording));
        model.addAttribute("questions", session.guide());
        return "focusgroups/guide";
    }

    private String transition(String id, Principal user, String action, UnaryOperator<Session> change) {
        Session session = find(id);
        try {
            groups.save(change.apply(session));
        } catch (IllegalStateException e) {
            return "redirect:/focus-groups/" + id + "?invalid";
        }
        audit.record(user.getName(), action, "focus group " + id);
        return "redirect:/focus-groups/" + id + "?saved";
    }

    /** Whether the session starts now or earlier, by the app's clock: it is then neither created, moved nor opened. */
    private boolean past(Session session) {
        return !session.startsAt().isAfter(clock.instant());
    }

    /** The form again, saying that a session must start in the future; nothing was stored. */
    private String past(Model model, SessionForm form, String id) {
        String page = form(model, form, id, false);
        model.addAttribute("past", true);
        return page;
    }

    private String form(Model model, SessionForm form, String id, boolean invalid) {
        model.addAttribute("w", wording());
        model.addAttribute("form", form.fields());
        model.addAttribute("id", id);
        model.addAttribute("invalid", invalid);
        return "focusgroups/form";
    }

    /** The session; a malformed id is a bad request (400), an unknown one not found (404): the error page says so. */
    private Session find(String id) {
        if (!Session.wellFormedId(id)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        return groups.store().session(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private Wording wording() {
        return messages.wording("en-GB");
    }
}
