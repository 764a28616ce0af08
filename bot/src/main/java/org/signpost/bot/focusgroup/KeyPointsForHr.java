package org.signpost.bot.focusgroup;

import java.util.List;
import java.util.Map;
import org.signpost.dialogs.focusgroup.FocusGroups;
import org.signpost.dialogs.focusgroup.Session;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The key points facilitators recorded after their sessions, for HR's results pages to show beside a
 * round's priorities (the pages only show what is there; no name, no attribution).
 */
@ControllerAdvice(basePackages = "org.signpost.bot.results")
final class KeyPointsForHr {

    private final FocusGroups groups;

    KeyPointsForHr(FocusGroups groups) {
        this.groups = groups;
    }

    @ModelAttribute("focusGroupKeyPoints")
    List<Map<String, String>> keyPoints() {
        return groups.store().sessions().stream().filter(session -> session.keyPoints().isPresent())
                .map(session -> Map.of("title", session.title(),
                        "audience", session.audience().orElse(""),
                        "when", SessionViews.WHEN.format(session.start()),
                        "points", session.keyPoints().orElseThrow()))
                .toList();
    }
}
