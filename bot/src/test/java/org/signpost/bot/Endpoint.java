package org.signpost.bot;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Posts to the app's {@code /api/messages} over real HTTP on loopback. */
public final class Endpoint {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;

    public Endpoint(int port) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/api/messages");
    }

    public HttpResponse<String> post(Object body) {
        return post(body.toString(), null);
    }

    public HttpResponse<String> post(String body, String authorization) {
        return postWithHeaders(body, authorization == null ? Map.of() : Map.of("Authorization", authorization));
    }

    /** With these headers; a Content-Type among them replaces application/json. */
    public HttpResponse<String> postWithHeaders(String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    /** The body sent chunked, with no Content-Length, as a client that streams it does. */
    public HttpResponse<String> postChunked(String body) {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json))).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A JSON POST written by hand on a socket, for the one header the JDK's client will not let a caller
     * choose ({@code Host}); answers the response's status code.
     */
    public int postWithHost(String host, String body) {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + host
                + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length
                + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(json);
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
