package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The JSON Spring writes for Signpost, in the form operators' probes and tools have had: health with its status and
 * groups (properties in alphabetical order), and error bodies whose timestamp is an ISO-8601 instant in UTC, as
 * Spring Boot writes them with Jackson 3. A change of JSON library (tried for a faster start, docs/benchmarks.md)
 * must keep these forms.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PublicJsonIntegrationTests {

    static final Pattern ERROR_BODY = Pattern.compile(
            "\\{\"timestamp\":\"(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z)\",\"status\":(\\d+),"
                    + "\"error\":\"([^\"]+)\"}");

    static final LocalTrial trial = new LocalTrial("signpost-public-json");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trial.register(registry);
    }

    @AfterAll
    static void stop() {
        trial.close();
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void healthAndItsProbesSayTheirStatus() {
        HttpResponse<String> health = get(managementPort, "/actuator/health", "application/json");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(health.body()).isEqualTo("{\"groups\":[\"liveness\",\"readiness\"],\"status\":\"UP\"}");

        for (String probe : List.of("/actuator/health/readiness", "/actuator/health/liveness")) {
            HttpResponse<String> answer = get(managementPort, probe, "*/*");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .hasValue("application/vnd.spring-boot.actuator.v3+json");
            assertThat(answer.body()).isEqualTo("{\"status\":\"UP\"}");
        }
    }

    @Test
    void theActuatorLinksNameWhatIsExposed() throws IOException {
        JsonNode links = new ObjectMapper().readTree(get(managementPort, "/actuator", "application/json").body())
                .path("_links");
        assertThat(links.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("self", "health", "health-path", "prometheus");
        assertThat(links.path("health").path("href").asText())
                .isEqualTo("http://127.0.0.1:" + managementPort + "/actuator/health");
        assertThat(links.path("health-path").path("templated").asBoolean()).isTrue();
    }

    @Test
    void errorBodiesGiveAnIsoTimestampThenStatusAndErrorNeverTheAddress() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        errorBody(get(port, "/api/messages", "application/json"), 405, "Method Not Allowed", before);
        errorBody(get(managementPort, "/actuator/nope", "application/json"), 404, "Not Found", before);
    }

    private static void errorBody(HttpResponse<String> response, int status, String error, Instant notBefore) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        Matcher body = ERROR_BODY.matcher(response.body());
        assertThat(body.matches()).as("an error body in the usual form: %s", response.body()).isTrue();
        assertThat(Instant.parse(body.group(1))).isAfterOrEqualTo(notBefore);
        assertThat(Integer.parseInt(body.group(2))).isEqualTo(status);
        assertThat(body.group(3)).isEqualTo(error);
    }

    private static HttpResponse<String> get(int port, String path, String accept) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
