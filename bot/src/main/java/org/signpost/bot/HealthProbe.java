package org.signpost.bot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A health check for container runtimes that run a command (Docker, compose): the image has no curl, so
 * {@code java -cp /app/classes org.signpost.bot.HealthProbe http://127.0.0.1:8081/actuator/health/readiness}
 * exits 0 when the endpoint answers 200, and 1 otherwise. Kubernetes and Container Apps call the HTTP
 * probes directly and need none of this.
 */
public final class HealthProbe {

    private HealthProbe() {
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:8081/actuator/health/readiness";
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                            HttpResponse.BodyHandlers.discarding());
            System.exit(response.statusCode() == 200 ? 0 : 1);
        } catch (Exception e) {
            System.exit(1);
        }
    }
}
