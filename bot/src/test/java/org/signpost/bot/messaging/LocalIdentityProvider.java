package org.signpost.bot.messaging;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Stands in for Microsoft's identity services on loopback, with no internet: the Bot Framework's OpenID
 * document and signing keys (plain HTTP is what the SDK fetches them with), and an Entra ID token
 * endpoint over HTTPS (MSAL requires it) with a certificate made for this test run.
 */
public final class LocalIdentityProvider implements AutoCloseable {

    public static final String ISSUER = "https://api.botframework.com";
    /** Azure AD's issuer for the botframework.com tenant: Emulator and skill tokens come from there. */
    public static final String BOT_FRAMEWORK_TENANT_ISSUER = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";
    public static final String KEY_ID = "signpost-test-key";
    public static final String OUTBOUND_TOKEN = "outbound-token-from-the-tenant";

    record TokenRequest(String path, String form) {
    }

    private final KeyPair signing = rsaKeyPair();
    /**
     * This provider's own path: the SDK caches OpenID documents and their keys by address for the life of the JVM
     * (refreshing a missing key at most hourly), so a later provider on a port an earlier one had would otherwise be
     * checked against the earlier one's key, and every token refused.
     */
    private final String path = "/" + UUID.randomUUID();
    private final HttpServer openId;
    private final HttpsServer tokens;
    private final List<TokenRequest> tokenRequests = new ArrayList<>();
    private final Path trustStore;

    LocalIdentityProvider(Path workFolder) throws Exception {
        openId = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        openId.createContext(path + "/openid", exchange -> respond(exchange, "{\"issuer\":\"" + ISSUER + "\",\"jwks_uri\":\""
                + openIdBase() + "/keys\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
        openId.createContext(path + "/keys", exchange -> respond(exchange, jwks()));
        openId.start();

        SSLContext tls = selfSignedTls(workFolder);
        trustStore = workFolder.resolve("tls.p12");
        tokens = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tokens.setHttpsConfigurator(new HttpsConfigurator(tls));
        tokens.createContext("/", exchange -> {
            synchronized (tokenRequests) {
                tokenRequests.add(new TokenRequest(exchange.getRequestURI().getPath(),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            }
            respond(exchange, "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"ext_expires_in\":3600,"
                    + "\"access_token\":\"" + OUTBOUND_TOKEN + "\"}");
        });
        tokens.start();
        // MSAL connects with the JVM's default TLS settings: trust this run's certificate there.
        HttpsURLConnection.setDefaultSSLSocketFactory(tls.getSocketFactory());
    }

    /** JVM options with which a bot in another process trusts this provider's certificate. */
    public List<String> trustStoreOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore.toAbsolutePath(),
                "-Djavax.net.ssl.trustStorePassword=test-only", "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    /**
     * Registers a single-tenant app with this provider's identity services, as production runs with an app
     * id: the app id, its secret and tenant, the OpenID document and the login authority.
     */
    public void registerSingleTenantApp(DynamicPropertyRegistry registry, String appId, String tenant) {
        registry.add("MicrosoftAppId", () -> appId);
        registry.add("MicrosoftAppPassword", () -> "app-secret");
        registry.add("MicrosoftAppTenantId", () -> tenant);
        registry.add("MicrosoftAppType", () -> "SingleTenant");
        registry.add("BotOpenIdMetadata", this::openIdMetadataUrl);
        registry.add("signpost.trust.login-authority", this::loginAuthority);
    }

    public String openIdMetadataUrl() {
        return openIdBase() + "/openid";
    }

    public String loginAuthority() {
        return "https://127.0.0.1:" + tokens.getAddress().getPort();
    }

    List<TokenRequest> tokenRequests() {
        synchronized (tokenRequests) {
            return List.copyOf(tokenRequests);
        }
    }

    /** A channel token as the Bot Framework issues it; tests change one thing at a time. */
    public JWTCreator.Builder channelToken(String audience, String serviceUrl) {
        Instant now = Instant.now();
        return JWT.create().withKeyId(KEY_ID).withIssuer(ISSUER).withAudience(audience)
                .withClaim("serviceurl", serviceUrl).withNotBefore(now.minusSeconds(60))
                .withExpiresAt(now.plusSeconds(3600));
    }

    /**
     * A skill (bot-to-bot) token as another bot would hold one: a version, the calling bot's app id, this
     * bot as the audience. By default from the channel's issuer, which the SDK's channel check accepts.
     */
    public JWTCreator.Builder skillToken(String audience, String callerAppId) {
        Instant now = Instant.now();
        return JWT.create().withKeyId(KEY_ID).withIssuer(ISSUER).withAudience(audience)
                .withClaim("ver", "1.0").withClaim("appid", callerAppId).withNotBefore(now.minusSeconds(60))
                .withExpiresAt(now.plusSeconds(3600));
    }

    /** A token as the Bot Framework Emulator gets one with the bot's own credentials, from Azure AD. */
    public JWTCreator.Builder emulatorToken(String appId) {
        Instant now = Instant.now();
        return JWT.create().withKeyId(KEY_ID).withIssuer(BOT_FRAMEWORK_TENANT_ISSUER).withAudience(appId)
                .withClaim("ver", "1.0").withClaim("appid", appId).withNotBefore(now.minusSeconds(60))
                .withExpiresAt(now.plusSeconds(3600));
    }

    public String sign(JWTCreator.Builder token) {
        return token.sign(Algorithm.RSA256((RSAPublicKey) signing.getPublic(), (RSAPrivateKey) signing.getPrivate()));
    }

    /** Signed with a key of the same id that the OpenID document does not publish. */
    public String signWithAnotherKey(JWTCreator.Builder token) {
        KeyPair other = rsaKeyPair();
        return token.sign(Algorithm.RSA256((RSAPublicKey) other.getPublic(), (RSAPrivateKey) other.getPrivate()));
    }

    @Override
    public void close() {
        openId.stop(0);
        tokens.stop(0);
    }

    private String openIdBase() {
        return "http://127.0.0.1:" + openId.getAddress().getPort() + path;
    }

    private String jwks() {
        RSAPublicKey key = (RSAPublicKey) signing.getPublic();
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\"" + KEY_ID + "\",\"n\":\""
                + url.encodeToString(unsigned(key.getModulus().toByteArray())) + "\",\"e\":\""
                + url.encodeToString(unsigned(key.getPublicExponent().toByteArray()))
                + "\",\"endorsements\":[\"msteams\",\"webchat\",\"directline\"]}]}";
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement[0] == 0 ? Arrays.copyOfRange(twosComplement, 1, twosComplement.length)
                : twosComplement;
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate for 127.0.0.1 made with the JDK's keytool, trusted for this JVM only. */
    private static SSLContext selfSignedTls(Path folder) throws Exception {
        Path store = folder.resolve("tls.p12");
        char[] password = "test-only".toCharArray();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "local", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "test-only", "-keypass", "test-only")
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool could not make a test certificate");
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, password);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(keys);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return tls;
    }

    public static LocalIdentityProvider start(Path folder) {
        try {
            return new LocalIdentityProvider(folder);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the local identity provider", e);
        }
    }
}
