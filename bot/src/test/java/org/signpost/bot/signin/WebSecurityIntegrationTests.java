package org.signpost.bot.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.Activities;
import org.signpost.bot.Endpoint;
import org.signpost.bot.LocalTrial;
import org.signpost.bot.TestRedis;
import org.signpost.bot.results.HrSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.UnifiedJedis;

/**
 * The pages' security over real HTTP: every page and export refuses without sign-in and without the HR
 * role; forms need their CSRF token; the headers are there; sign-in with Entra ID works against a local
 * OpenID provider, roles coming from the groups claim; and {@code /api/messages} and health are untouched.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebSecurityIntegrationTests {

    static final String HR_GROUP = "11111111-2222-3333-4444-hr0000000000";
    static final String FACILITATOR_GROUP = "11111111-2222-3333-4444-fac000000000";
    static final String USER = "local-hr";
    static final String PASSWORD = "another-long-test-password";
    static final List<String> PROTECTED = List.of("/hr", "/hr/rounds/trial", "/hr/rounds/trial/groups/role",
            "/hr/rounds/trial/headcounts", "/hr/audit", "/hr/rounds/trial/results.csv",
            "/hr/rounds/trial/results.xlsx", "/hr/rounds/trial/results.json", "/hr/new-round",
            "/hr/rounds/trial/schedule", "/hr/rounds/trial/close");
    /** The forms that change rounds, with what each would send. */
    static final Map<String, Map<String, String>> ROUND_ACTIONS = Map.of(
            "/hr/new-round", Map.of("id", "forged-round", "survey", "staff-survey"),
            "/hr/rounds/trial/close", Map.of(),
            "/hr/rounds/trial/open", Map.of(),
            "/hr/rounds/trial/schedule", Map.of("closes", "2099-01-01T09:00"));
    static final LocalTrial trial = new LocalTrial("signpost-web-security");
    static final LocalOpenIdProvider entra = LocalOpenIdProvider.start();
    static final Path keys = TestRedis.tempFolder("signpost-web-keys");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trial.registerWithAccount(registry, USER, PASSWORD, keys);
        registry.add("signpost.signin.entra.issuer-uri", entra::issuer);
        registry.add("signpost.signin.entra.client-id", () -> LocalOpenIdProvider.CLIENT_ID);
        registry.add("signpost.signin.entra.client-secret", () -> LocalOpenIdProvider.CLIENT_SECRET);
        registry.add("signpost.signin.entra.roles.hr", () -> HR_GROUP);
        registry.add("signpost.signin.entra.roles.facilitator", () -> FACILITATOR_GROUP);
    }

    @AfterAll
    static void stop() {
        entra.close();
        trial.close();
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void springSecurityIsToldToObserveNothing(@Autowired SecurityObservationSettings settings) {
        // without it, its filter chains wrap every filter of every request (a turn's too) to ask whether to observe
        // it; in the running app that wrapper is gone from the profile (docs/benchmarks.md), but a test context has no
        // such wrapper even with requests observed (tried), so this checks the setting itself
        assertThat(settings.shouldObserveRequests()).isFalse();
        assertThat(settings.shouldObserveAuthentications()).isFalse();
        assertThat(settings.shouldObserveAuthorizations()).isFalse();
    }

    @Test
    void everyPageAndExportRefusesWithoutSignIn() {
        HrSession anonymous = new HrSession(port);
        for (String path : PROTECTED) {
            HttpResponse<String> response = anonymous.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(path).hasValue(anonymous.base() + "/hr/sign-in");
        }
        HttpResponse<String> post = anonymous.postForm("/hr/rounds/trial/headcounts", Map.of("h-all", "5"));
        assertThat(post.statusCode()).isIn(302, 403);
    }

    @Test
    void everyPageAndExportRefusesWithoutTheHrRole() {
        HrSession facilitator = signInWithEntra(new LocalOpenIdProvider.Person("sub-fac", "fac@example.org",
                List.of(FACILITATOR_GROUP)));
        for (String path : PROTECTED) {
            assertThat(facilitator.get(path).statusCode()).as(path).isEqualTo(403);
        }
        HrSession nobody = signInWithEntra(new LocalOpenIdProvider.Person("sub-none", "none@example.org", List.of()));
        assertThat(nobody.get("/hr/rounds/trial/results.csv").statusCode()).isEqualTo(403);
        assertThat(facilitator.get("/campaigns").statusCode()).as("the ambassadors' page").isEqualTo(403);
        assertThat(nobody.get("/campaigns").statusCode()).as("the ambassadors' page").isEqualTo(403);
    }

    @Test
    void entraSignInGivesTheHrRoleFromTheGroupsClaim() {
        HrSession hr = signInWithEntra(new LocalOpenIdProvider.Person("sub-hr", "hr@example.org",
                List.of("some-other-group", HR_GROUP)));
        for (String path : PROTECTED) {
            assertThat(hr.get(path).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(hr.get("/hr/audit").body()).contains("hr@example.org");
    }

    @Test
    void roundActionsNeedSignInTheHrRoleAndTheCsrfToken() {
        HrSession anonymous = new HrSession(port);
        HrSession facilitator = signInWithEntra(new LocalOpenIdProvider.Person("sub-fac-2", "fac2@example.org",
                List.of(FACILITATOR_GROUP)));
        HrSession hr = new HrSession(port);
        hr.signIn(USER, PASSWORD);
        String facilitatorToken = facilitator.csrf("/hr/sign-in");
        ROUND_ACTIONS.forEach((path, form) -> {
            Map<String, String> anonymousForm = new HashMap<>(form);
            anonymousForm.put("_csrf", anonymous.csrf("/hr/sign-in"));
            assertThat(anonymous.postForm(path, anonymousForm).statusCode()).as(path).isEqualTo(302);
            Map<String, String> facilitatorForm = new HashMap<>(form);
            facilitatorForm.put("_csrf", facilitatorToken);
            assertThat(facilitator.postForm(path, facilitatorForm).statusCode()).as(path).isEqualTo(403);
            assertThat(hr.postForm(path, form).statusCode()).as(path).isEqualTo(403);
            Map<String, String> forged = new HashMap<>(form);
            forged.put("_csrf", "forged");
            assertThat(hr.postForm(path, forged).statusCode()).as(path).isEqualTo(403);
        });
        assertThat(redis.hget("signpost:agg:{trial}:meta", "state")).isEqualTo("open");
        assertThat(redis.hget("signpost:hr:{rounds}:list", "trial")).isEqualTo("staff-survey|1||");
        assertThat(redis.hexists("signpost:hr:{rounds}:list", "forged-round")).isFalse();
    }

    @Autowired
    UnifiedJedis redis;

    @Test
    void formsNeedTheirCsrfToken() {
        HrSession hr = new HrSession(port);
        assertThat(hr.signIn(USER, PASSWORD).headers().firstValue("Location")).hasValue(hr.base() + "/hr");
        assertThat(hr.postForm("/hr/rounds/trial/headcounts", Map.of("h-all", "5")).statusCode()).isEqualTo(403);
        assertThat(hr.postForm("/hr/rounds/trial/headcounts", Map.of("h-all", "5", "_csrf", "forged")).statusCode())
                .isEqualTo(403);
        String token = hr.csrf("/hr/rounds/trial/headcounts");
        assertThat(hr.postForm("/hr/rounds/trial/headcounts", Map.of("h-all", "5", "_csrf", token)).statusCode())
                .isEqualTo(302);
        // the sign-in form itself needs one too
        HrSession other = new HrSession(port);
        assertThat(other.postForm("/hr/sign-in", Map.of("username", USER, "password", PASSWORD)).statusCode())
                .isEqualTo(403);
    }

    @Test
    void pagesCarryTheSecurityHeadersAndTheSessionCookieIsHttpOnlyLaxAndSecureBehindTls() {
        HrSession hr = new HrSession(port);
        HttpResponse<String> signIn = hr.get("/hr/sign-in");
        assertThat(signIn.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie ->
                assertThat(cookie).contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure"));
        hr.signIn(USER, PASSWORD);
        for (String path : List.of("/hr/sign-in", "/hr", "/hr/rounds/trial", "/hr/rounds/trial/results.csv")) {
            HttpResponse<String> page = hr.get(path);
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValue(SignInConfiguration.CONTENT_SECURITY_POLICY);
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("frame-ancestors 'none'", "script-src 'self'", "style-src 'self'");
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(page.headers().firstValue("Cache-Control")).as(path).hasValueSatisfying(cache ->
                    assertThat(cache).contains("no-store"));
        }
        // no inline script or style anywhere on the pages
        String round = hr.get("/hr/rounds/trial").body();
        assertThat(round).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("<style", " style=");

        HttpResponse<String> overTls = new HrSession(port).send(HttpRequest.newBuilder(
                URI.create(hr.base() + "/hr/sign-in")).header("X-Forwarded-Proto", "https").GET().build());
        assertThat(overTls.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie ->
                assertThat(cookie).contains("Secure", "HttpOnly", "SameSite=Lax"));
    }

    @Test
    void theBotEndpointAndHealthWorkAsBefore() {
        Activities teams = new Activities(trial.connector().serviceUrl(), "29:user-web", "Web User", "aad-web");
        HttpResponse<String> message = new Endpoint(port).post(teams.message("a:web-security", "hello"));
        assertThat(message.statusCode()).isEqualTo(200);
        assertThat(message.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(new HrSession(managementPort).get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(new HrSession(managementPort).get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(new HrSession(managementPort).get("/actuator/prometheus").statusCode()).isEqualTo(200);
    }

    @Test
    void theFirewallStillRefusesOddRequestsToTheBotEndpointAndThePages() throws Exception {
        // an activity the endpoint would answer 200 (401 with the token below): only the firewall answers 400
        String activity = new Activities(trial.connector().serviceUrl(), "29:user-firewall", "Firewall User",
                "aad-firewall").message("a:web-firewall", "hello").toString();
        assertThat(rawStatus("POST /api/messages HTTP/1.1", "Content-Type: application/json", activity))
                .as("the same request, plain").isEqualTo(200);
        assertThat(rawStatus("POST /api/messages;jsessionid=1 HTTP/1.1", "Content-Type: application/json", activity))
                .as("a semicolon in the path").isEqualTo(400);
        assertThat(rawStatus("POST /api/messages HTTP/1.1", "Content-Type: application/json\r\nAuthorization: Bearer a\u0085b",
                activity)).as("a control character in the token the endpoint reads").isEqualTo(400);
        assertThat(rawStatus("POST /api/./messages HTTP/1.1", "Content-Type: application/json", activity))
                .as("a path that is not normalised").isEqualTo(400);
        assertThat(rawStatus("TRACE /api/messages HTTP/1.1", "Content-Type: application/json", activity))
                .as("a method the firewall does not allow").isIn(400, 405);
        assertThat(rawStatus("GET /hr/sign-in;x=1 HTTP/1.1", "Accept: text/html", null)).isEqualTo(400);
        assertThat(rawStatus("GET /hr/%2e%2e/hr HTTP/1.1", "Accept: text/html", null)).isEqualTo(400);
        assertThat(rawStatus("GET /hr/sign-in HTTP/1.1", "Accept: text/html", null)).as("the same page, plain").isEqualTo(200);
    }

    /** A request written byte by byte (ISO-8859-1), as no HTTP client would send it; answers the status. */
    private int rawStatus(String requestLine, String headers, String body) throws Exception {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = requestLine + "\r\nHost: 127.0.0.1:" + port + "\r\n" + headers + "\r\nContent-Length: "
                + content.length + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private HrSession signInWithEntra(LocalOpenIdProvider.Person person) {
        entra.signsInNext(person);
        HrSession session = new HrSession(port);
        HttpResponse<String> start = session.get("/oauth2/authorization/entra");
        assertThat(start.statusCode()).isEqualTo(302);
        String authorize = start.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(entra.issuer() + "/authorize");
        String callback = session.get(authorize).headers().firstValue("Location").orElseThrow();
        HttpResponse<String> signedIn = session.get(callback);
        assertThat(signedIn.statusCode()).as("the callback").isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValue(session.base() + "/hr");
        return session;
    }
}
