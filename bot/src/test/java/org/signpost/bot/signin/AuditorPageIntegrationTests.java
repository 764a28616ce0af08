package org.signpost.bot.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.LocalTrial;
import org.signpost.bot.TestRedis;
import org.signpost.bot.results.HrSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.UnifiedJedis;

/**
 * The privacy audit's page over real HTTP, under the same sign-in as the HR pages: it refuses without
 * sign-in and without the auditor role (HR is not enough), runs the audit only from its form with the
 * CSRF token, carries the pages' security headers, and the report it shows and lets the auditor download
 * names the SHA-256 of the downloaded JSON, which the audit log records with the auditor's name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditorPageIntegrationTests {

    static final String HR_GROUP = "11111111-2222-3333-4444-hr0000000001";
    static final String AUDITOR_GROUP = "11111111-2222-3333-4444-aud000000001";
    static final String AUDITOR = "union-rep";
    static final String PASSWORD = "a-long-test-password-for-the-auditor";
    static final List<String> PAGES = List.of("/audit", "/audit/report.json", "/audit/report.txt");
    static final Pattern SHA = Pattern.compile("SHA-256 of the JSON report: ([0-9a-f]{64})");
    static final LocalTrial trial = new LocalTrial("signpost-auditor-page");
    static final LocalOpenIdProvider entra = LocalOpenIdProvider.start();
    static final Path keys = TestRedis.tempFolder("signpost-auditor-keys");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trial.registerWithAccount(registry, AUDITOR, PASSWORD, keys, "auditor");
        registry.add("signpost.signin.entra.issuer-uri", entra::issuer);
        registry.add("signpost.signin.entra.client-id", () -> LocalOpenIdProvider.CLIENT_ID);
        registry.add("signpost.signin.entra.client-secret", () -> LocalOpenIdProvider.CLIENT_SECRET);
        registry.add("signpost.signin.entra.roles.hr", () -> HR_GROUP);
        registry.add("signpost.signin.entra.roles.auditor", () -> AUDITOR_GROUP);
    }

    @AfterAll
    static void stop() {
        entra.close();
        trial.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    UnifiedJedis redis;

    @Test
    void refusesWithoutSignInAndWithoutTheAuditorRole() {
        HrSession anonymous = new HrSession(port);
        for (String path : PAGES) {
            HttpResponse<String> response = anonymous.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(path).hasValue(anonymous.base() + "/hr/sign-in");
        }
        assertThat(anonymous.postForm("/audit", Map.of()).statusCode()).isIn(302, 403);

        HrSession hr = signInWithEntra(new LocalOpenIdProvider.Person("sub-hr-a", "hr-a@example.org", List.of(HR_GROUP)));
        assertThat(hr.get("/hr").statusCode()).as("HR's own pages").isEqualTo(200);
        for (String path : PAGES) {
            assertThat(hr.get(path).statusCode()).as(path).isEqualTo(403);
        }
        assertThat(hr.postForm("/audit", Map.of("_csrf", hr.csrf("/hr/rounds/trial/headcounts"))).statusCode())
                .isEqualTo(403);
        assertThat(auditLog()).noneMatch(entry -> entry.contains("hr-a@example.org") && entry.contains("audit"));

        HrSession auditor = signInWithEntra(new LocalOpenIdProvider.Person("sub-aud", "auditor@example.org",
                List.of(AUDITOR_GROUP)));
        assertThat(auditor.get("/audit").statusCode()).isEqualTo(200);
        assertThat(auditor.get("/hr").statusCode()).as("the auditor is not HR").isEqualTo(403);
    }

    @Test
    void runsOnlyFromItsFormAndTheDownloadIsTheReportItShows() throws Exception {
        HrSession auditor = new HrSession(port);
        auditor.signIn(AUDITOR, PASSWORD);
        assertThat(auditor.postForm("/audit", Map.of()).statusCode()).isEqualTo(403);
        assertThat(auditor.postForm("/audit", Map.of("_csrf", "forged")).statusCode()).isEqualTo(403);
        assertThat(auditor.get("/audit/report.json").statusCode()).as("nothing run yet").isEqualTo(404);

        HttpResponse<String> run = auditor.postForm("/audit", Map.of("_csrf", auditor.csrf("/audit")));
        assertThat(run.statusCode()).isEqualTo(302);
        String page = auditor.get("/audit").body();
        assertThat(page).contains("id=\"overall\"", "data-rule=\"key-shapes\"", "data-rule=\"disk-residual-window\"");
        Matcher shown = SHA.matcher(page);
        assertThat(shown.find()).isTrue();

        HttpResponse<byte[]> json = auditor.getBytes("/audit/report.json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                assertThat(disposition).contains("attachment", "signpost-privacy-audit.json"));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.body()));
        assertThat(sha).isEqualTo(shown.group(1));
        assertThat(new String(json.body(), StandardCharsets.UTF_8)).contains("\"commit\"", "\"findings\"");
        assertThat(auditor.get("/audit/report.txt").body()).contains(sha);

        assertThat(auditLog()).anyMatch(entry -> entry.contains(AUDITOR) && entry.contains("audited")
                && entry.contains(sha));
        assertThat(auditLog()).anyMatch(entry -> entry.contains(AUDITOR) && entry.contains("downloaded")
                && entry.contains(sha));
    }

    @Test
    void theAuditPagesCarryTheSecurityHeadersOfTheHrPages() {
        HrSession auditor = new HrSession(port);
        auditor.signIn(AUDITOR, PASSWORD);
        auditor.postForm("/audit", Map.of("_csrf", auditor.csrf("/audit")));
        for (String path : PAGES) {
            HttpResponse<String> page = auditor.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValue(SignInConfiguration.CONTENT_SECURITY_POLICY);
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(page.headers().firstValue("Cache-Control")).as(path).hasValueSatisfying(cache ->
                    assertThat(cache).contains("no-store"));
        }
        assertThat(auditor.get("/audit").body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)")
                .doesNotContain("<style", " style=");
    }

    private List<String> auditLog() {
        return redis.zrange("signpost:hr:{audit}:log", 0, -1);
    }

    private HrSession signInWithEntra(LocalOpenIdProvider.Person person) {
        entra.signsInNext(person);
        HrSession session = new HrSession(port);
        String authorize = session.get("/oauth2/authorization/entra").headers().firstValue("Location").orElseThrow();
        String callback = session.get(authorize).headers().firstValue("Location").orElseThrow();
        assertThat(session.get(callback).statusCode()).as("the callback").isEqualTo(302);
        return session;
    }
}
