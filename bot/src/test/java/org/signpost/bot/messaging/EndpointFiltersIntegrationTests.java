package org.signpost.bot.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Container;
import org.apache.catalina.core.StandardContext;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.Activities;
import org.signpost.bot.Endpoint;
import org.signpost.bot.LocalTrial;
import org.signpost.bot.results.HrSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Which filters a request passes, as Tomcat chooses them from its filter mappings: {@code /api/messages} only the
 * request metrics, the local trial's loopback check and Tomcat's own WebSocket check; every other servlet (the
 * pages) Spring's filters and Spring Security, the encoding first. And the pages still behave so over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EndpointFiltersIntegrationTests {

    static final String ENDPOINT = "messagesEndpoint";
    static final String SECURITY = "springSecurityFilterChain";
    static final LocalTrial trial = new LocalTrial("signpost-endpoint-filters");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trial.register(registry);
    }

    @AfterAll
    static void stop() {
        trial.close();
    }

    @Autowired
    ServletWebServerApplicationContext application;

    @LocalServerPort
    int port;

    @Test
    void theBotEndpointPassesOnlyTheRequestMetricsAndTheLoopbackCheck() {
        assertThat(filters(ENDPOINT, "/api/messages", FilterMap.REQUEST)).containsExactly(
                "loopbackOnlyInTrial", "webMvcObservationFilter", "Tomcat WebSocket (JSR356) Filter");
    }

    @Test
    void thePagesPassSpringsFiltersAndSpringSecurityInTheirOrder() {
        List<String> pages = List.of("loopbackOnlyInTrial", "webMvcObservationFilter",
                "Tomcat WebSocket (JSR356) Filter", "characterEncodingFilter", "formContentFilter",
                "requestContextFilter", SECURITY, "resourceUrlEncodingFilter");
        for (String path : List.of("/hr", "/hr/sign-in", "/api/messages/", "/api/other", "/")) {
            assertThat(filters(PageFilters.PAGES, path, FilterMap.REQUEST)).as(path).containsExactlyElementsOf(pages);
        }
        // an error page (of any servlet's request) is the dispatcher's, with Spring Security's chain as before
        assertThat(filters(PageFilters.PAGES, "/error", FilterMap.ERROR)).contains("characterEncodingFilter", SECURITY);
    }

    @Test
    void everyServletButTheBotEndpointPassesSpringSecurity() {
        for (String servlet : context().getServletContext().getServletRegistrations().keySet()) {
            if (!servlet.equals(ENDPOINT)) {
                assertThat(filters(servlet, "/any", FilterMap.REQUEST)).as(servlet).contains(SECURITY);
            }
        }
    }

    @Test
    void thePagesStillNeedSignInTheirCsrfTokenAndCarryTheSecurityHeaders() {
        HrSession anonymous = new HrSession(port);
        HttpResponse<String> page = anonymous.get("/hr");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValue(anonymous.base() + "/hr/sign-in");
        assertThat(anonymous.postForm("/hr/sign-in", Map.of("username", "someone", "password", "something"))
                .statusCode()).as("no CSRF token").isEqualTo(403);
        HttpResponse<String> signIn = anonymous.get("/hr/sign-in");
        assertThat(signIn.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(signIn.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(signIn.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        Activities teams = new Activities(trial.connector().serviceUrl(), "29:user-filters", "Filters User", "aad-f");
        HttpResponse<String> message = new Endpoint(port).post(teams.message("a:endpoint-filters", "hello"));
        assertThat(message.statusCode()).isEqualTo(200);
        assertThat(message.headers().firstValue("Set-Cookie")).isEmpty();
    }

    /**
     * The filters Tomcat puts in a request's chain, in order: those mapped by URL, then those mapped by servlet
     * name (org.apache.catalina.core.ApplicationFilterFactory), for this dispatch.
     */
    private List<String> filters(String servlet, String path, int dispatch) {
        List<String> byUrl = new ArrayList<>();
        List<String> byServlet = new ArrayList<>();
        for (FilterMap mapping : context().findFilterMaps()) {
            if ((mapping.getDispatcherMapping() & dispatch) == 0) {
                continue;
            }
            if (mapping.getMatchAllUrlPatterns() || Arrays.stream(mapping.getURLPatterns()).anyMatch(p -> matches(p, path))) {
                byUrl.add(mapping.getFilterName());
            }
            if (mapping.getMatchAllServletNames() || Arrays.asList(mapping.getServletNames()).contains(servlet)) {
                byServlet.add(mapping.getFilterName());
            }
        }
        byUrl.addAll(byServlet);
        return byUrl;
    }

    private static boolean matches(String pattern, String path) {
        if (pattern.equals("/*") || pattern.equals(path)) {
            return true;
        }
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        return pattern.startsWith("*.") && path.endsWith(pattern.substring(1));
    }

    private StandardContext context() {
        Container[] contexts = ((TomcatWebServer) application.getWebServer()).getTomcat().getHost().findChildren();
        assertThat(contexts).hasSize(1);
        return (StandardContext) contexts[0];
    }
}
