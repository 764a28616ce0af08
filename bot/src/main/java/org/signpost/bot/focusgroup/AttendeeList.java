package org.signpost.bot.focusgroup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.focusgroup.Attendee;

/** A session's attendee list as CSV: places first, then the waiting list in order. */
final class AttendeeList {

    private AttendeeList() {
    }

    static byte[] csv(List<Attendee> seated, List<Attendee> waiting, Wording wording) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setHeader(wording.text("focusgroup.pages.name"),
                        wording.text("focusgroup.pages.contact"), wording.text("focusgroup.pages.place"),
                        wording.text("focusgroup.pages.consentVersion"), wording.text("focusgroup.pages.consentedAt"))
                        .get())) {
            for (Attendee attendee : seated) {
                print(printer, attendee, wording.text("focusgroup.pages.hasPlace"));
            }
            for (Attendee attendee : waiting) {
                print(printer, attendee, wording.text("focusgroup.pages.waiting"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void print(CSVPrinter printer, Attendee attendee, String place) throws IOException {
        printer.printRecord(defused(attendee.signUp().displayName()), defused(attendee.signUp().contact()), place,
                defused(attendee.signUp().consentVersion()), attendee.signUp().consentedAt().toString());
    }

    /**
     * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula; a
     * leading apostrophe makes it text (OWASP's advice for CSV injection). A display name is chosen by
     * its owner, so it is never trusted.
     */
    static String defused(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
