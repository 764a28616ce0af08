package org.signpost.bot.signin;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.signpost.dialogs.content.Messages;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every page's error (an unknown session or round, a malformed id, a refused form) in the pages' own style and
 * words, with its status: what happened and the way back, never the address asked for, its ids, the exception or a
 * stack trace (Spring's own page and its model are not used).
 */
@Component
final class ErrorPages implements ErrorViewResolver {

    private final Messages messages;

    ErrorPages(Messages messages) {
        this.messages = messages;
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        Object asked = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = asked instanceof String text ? text : "";
        // each key written out whole, so that the content tests find it used
        List<String> words = switch (status) {
            case NOT_FOUND -> List.of("pages.error.notFound.heading", "pages.error.notFound.body");
            case BAD_REQUEST -> List.of("pages.error.badRequest.heading", "pages.error.badRequest.body");
            case FORBIDDEN -> List.of("pages.error.forbidden.heading", "pages.error.forbidden.body");
            default -> List.of("pages.error.other.heading", "pages.error.other.body");
        };
        boolean focusGroups = path.startsWith("/focus-groups");
        boolean campaigns = path.startsWith("/campaigns");
        // only the way back is chosen from the address; nothing of it is shown
        String home = focusGroups ? "/focus-groups" : campaigns ? "/campaigns" : "/hr";
        String service = focusGroups ? "focusgroup.pages.service" : campaigns ? "campaign.pages.service"
                : "results.pages.service";
        return new ModelAndView("error", Map.of("w", messages.wording("en-GB"), "heading", words.get(0),
                "body", words.get(1), "home", home, "service", service), status);
    }
}
