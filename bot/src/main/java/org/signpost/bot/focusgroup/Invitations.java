package org.signpost.bot.focusgroup;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Method;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.focusgroup.FocusGroups;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.focusgroup.SessionStatus;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A session's calendar invitation (iCalendar, RFC 5545): linked from the sign-up confirmation, so it
 * opens without signing in. It holds the session only (title, time, place, what to expect), never who
 * signed up, and only for a session that is open.
 */
@RestController
final class Invitations {

    private final FocusGroups groups;
    private final Messages messages;
    private final Clock clock;

    Invitations(FocusGroups groups, Messages messages, Clock clock) {
        this.groups = groups;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/focus-groups/invitations/{id}.ics")
    ResponseEntity<byte[]> invitation(@PathVariable("id") String id) {
        if (!Session.wellFormedId(id)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        Session session = groups.store().session(id).filter(s -> s.status() == SessionStatus.OPEN)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        byte[] ics = ics(session, messages.wording("en-GB"), clock).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(new MediaType("text", "calendar", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("focus-group-" + session.id() + ".ics").build().toString())
                .body(ics);
    }

    static String ics(Session session, Wording wording, Clock clock) {
        ICalendar calendar = new ICalendar();
        calendar.setMethod(Method.publish());
        VEvent event = new VEvent();
        event.setUid(session.id() + "@signpost");
        event.setDateTimeStamp(Date.from(clock.instant()));
        event.setDateStart(Date.from(session.startsAt()));
        event.setDateEnd(Date.from(session.endsAt()));
        event.setSummary(session.title());
        event.setLocation(session.place());
        event.setDescription(wording.text("focusgroup.invitation.description") + "\n\n"
                + wording.text("focusgroup.supportLine"));
        calendar.addEvent(event);
        return Biweekly.write(calendar).go();
    }
}
