package org.signpost.dialogs.focusgroup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.signpost.dialogs.content.ContentException;
import org.signpost.dialogs.content.ContentFolder;

/** What new sessions start from, as content: the default discussion guide, and a local trial's sample session. */
public final class SessionTemplates {

    static final String GUIDE = "focusgroups/discussion-guide.yaml";
    static final String SAMPLE = "focusgroups/sample-session.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final ContentFolder content;

    public SessionTemplates(ContentFolder content) {
        this.content = content;
    }

    public List<String> defaultGuide() {
        List<String> questions = new ArrayList<>();
        read(GUIDE).path("questions").forEach(question -> questions.add(question.asText()));
        return questions;
    }

    /** An open session a few days after the clock's date, as the sample file describes it. */
    public Session sample(Clock clock) {
        JsonNode sample = read(SAMPLE);
        List<String> facilitators = new ArrayList<>();
        sample.path("facilitators").forEach(name -> facilitators.add(name.asText()));
        LocalDate day = LocalDate.ofInstant(clock.instant(), Session.LONDON).plusDays(sample.path("daysAhead").asInt(7));
        return Session.draft(sample.path("title").asText(), Optional.empty(),
                day.atTime(LocalTime.parse(sample.path("time").asText("14:00"))),
                Duration.ofMinutes(sample.path("lengthMinutes").asInt(90)), sample.path("place").asText(),
                sample.path("capacity").asInt(3), facilitators, sample.path("firstAider").asText(), defaultGuide(),
                Session.DEFAULT_RETENTION).publish();
    }

    private JsonNode read(String file) {
        byte[] bytes = content.read(file).orElseThrow(() -> new ContentException("The content file " + file + " is missing"));
        try {
            return YAML.readTree(bytes);
        } catch (IOException e) {
            throw new ContentException("The content file " + file + " is not valid YAML: " + e.getClass().getSimpleName());
        }
    }
}
