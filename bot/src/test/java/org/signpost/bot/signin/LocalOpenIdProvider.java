package org.signpost.bot.signin;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenID Connect provider on loopback standing in for Entra ID, with no internet: discovery document,
 * signing keys, an authorisation endpoint that signs in whoever the test says, and a token endpoint that
 * returns an RS256-signed ID token carrying that person's {@code groups} and the request's nonce.
 */
final class LocalOpenIdProvider implements AutoCloseable {

    static final String CLIENT_ID = "signpost-web-client";
    static final String CLIENT_SECRET = "signpost-web-secret";
    static final String KEY_ID = "local-oidc-key";

    record Person(String subject, String username, List<String> groups) {
    }

    private final HttpServer server;
    private final KeyPair keys;
    private final Map<String, String> nonces = new ConcurrentHashMap<>();
    private final Map<String, Person> people = new ConcurrentHashMap<>();
    private volatile Person next;

    LocalOpenIdProvider() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/openid-configuration", exchange -> json(exchange, "{\"issuer\":\""
                + issuer() + "\",\"authorization_endpoint\":\"" + issuer() + "/authorize\",\"token_endpoint\":\""
                + issuer() + "/token\",\"jwks_uri\":\"" + issuer() + "/keys\",\"response_types_supported\":[\"code\"],"
                + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                + "\"scopes_supported\":[\"openid\",\"profile\"],"
                + "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\",\"client_secret_post\"]}"));
        server.createContext("/keys", exchange -> json(exchange, jwks()));
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
    }

    static LocalOpenIdProvider start() {
        try {
            return new LocalOpenIdProvider();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Whoever signs in next. */
    void signsInNext(Person person) {
        next = person;
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String code = UUID.randomUUID().toString();
        nonces.put(code, query.getOrDefault("nonce", ""));
        people.put(code, next);
        String location = query.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        Person person = people.remove(body.getOrDefault("code", ""));
        if (person == null || !expected.equals(authorization)) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] error = "{\"error\":\"invalid_grant\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, error.length);
            exchange.getResponseBody().write(error);
            exchange.close();
            return;
        }
        Instant now = Instant.now();
        String idToken = JWT.create().withKeyId(KEY_ID).withIssuer(issuer()).withSubject(person.subject())
                .withAudience(CLIENT_ID).withIssuedAt(now).withExpiresAt(now.plusSeconds(600))
                .withClaim("nonce", nonces.remove(body.get("code"))).withClaim("preferred_username", person.username())
                .withClaim("groups", person.groups())
                .sign(Algorithm.RSA256((RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate()));
        json(exchange, "{\"access_token\":\"" + UUID.randomUUID() + "\",\"token_type\":\"Bearer\",\"expires_in\":600,"
                + "\"scope\":\"openid profile\",\"id_token\":\"" + idToken + "\"}");
    }

    private String jwks() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KEY_ID + "\",\"n\":\""
                + url.encodeToString(unsigned(key.getModulus().toByteArray())) + "\",\"e\":\""
                + url.encodeToString(unsigned(key.getPublicExponent().toByteArray())) + "\"}]}";
    }

    private static byte[] unsigned(byte[] bytes) {
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded == null) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    private static void json(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
