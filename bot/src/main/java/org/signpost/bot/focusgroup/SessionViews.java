package org.signpost.bot.focusgroup;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.focusgroup.Attendee;
import org.signpost.dialogs.focusgroup.FocusGroups;
import org.signpost.dialogs.focusgroup.Session;

/** How sessions read on the focus-group pages: a row of the list, a session's details, its attendees. */
final class SessionViews {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.UK);
    static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK);

    private final FocusGroups groups;

    SessionViews(FocusGroups groups) {
        this.groups = groups;
    }

    List<Map<String, Object>> sessions(Wording wording) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Session session : groups.store().sessions()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", session.id());
            row.put("title", session.title());
            row.put("audience", session.audience().orElse(wording.text("focusgroup.pages.everyone")));
            row.put("when", WHEN.format(session.start()));
            row.put("status", wording.text("focusgroup.status." + session.status().name().toLowerCase(Locale.ROOT)));
            row.put("places", groups.store().seated(session.id()).size() + " / " + session.capacity());
            row.put("waiting", Integer.toString(groups.store().waiting(session.id()).size()));
            row.put("warnings", !session.warnings().isEmpty());
            rows.add(row);
        }
        return rows;
    }

    Map<String, Object> view(Session session, Wording wording) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", session.id());
        view.put("title", session.title());
        view.put("audience", session.audience().orElse(wording.text("focusgroup.pages.everyone")));
        view.put("when", WHEN.format(session.start()));
        view.put("length", Long.toString(session.length().toMinutes()));
        view.put("place", session.place());
        view.put("capacity", Integer.toString(session.capacity()));
        view.put("facilitators", String.join(", ", session.facilitators()));
        view.put("firstAider", session.firstAider());
        view.put("retention", Long.toString(session.retention().toDays()));
        view.put("status", wording.text("focusgroup.status." + session.status().name().toLowerCase(Locale.ROOT)));
        return view;
    }

    static List<Map<String, String>> attendees(List<Attendee> attendees) {
        return attendees.stream().map(attendee -> Map.of("name", attendee.signUp().displayName(),
                "contact", attendee.signUp().contact(),
                "consented", AT.format(attendee.signUp().consentedAt().atZone(Session.LONDON)))).toList();
    }
}
