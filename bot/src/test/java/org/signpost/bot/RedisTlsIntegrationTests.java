package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.signpost.bot.RedisProcesses.Server;
import org.signpost.bot.redis.RedisUrl;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code rediss://}: a Redis 7 server that speaks only TLS (Debian's redis-server on loopback, a certificate
 * for 127.0.0.1 made with the JDK's keytool), the bot connected as an ACL user and trusting the certificate
 * through {@code signpost.redis.tls-trust-store}. A survey is counted over it; a server whose certificate
 * names another host, or one the trust store does not hold, is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(value = "org.signpost.bot.RedisProcesses#installed",
        disabledReason = "SKIPPED: redis-server (Redis 7) is not installed; .ci/run installs it")
class RedisTlsIntegrationTests {

    static final String ROUND = "trial";
    static final String TRUST_PASSWORD = "trust-store-for-tests";
    static final Path folder = TestRedis.tempFolder("signpost-tls");
    static final FakeConnector connector = new FakeConnector();
    static RedisProcesses redis;
    static Server server;
    static Server otherHost;
    static Path trustStore;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        redis = new RedisProcesses(folder);
        Path right = certificate("right", "ip:127.0.0.1");
        Path wrong = certificate("wrong", "dns:redis.other.example");
        // both certificates are trusted: only the host name can tell them apart
        trustStore = trustStore(right, wrong);
        server = redis.tlsRedis("tls", right.resolveSibling("right.crt"), right.resolveSibling("right.key"));
        otherHost = redis.tlsRedis("tls-other-host", wrong.resolveSibling("wrong.crt"), wrong.resolveSibling("wrong.key"));
        registry.add("signpost.redis.url", () -> botUrl(server));
        registry.add("signpost.redis.tls-trust-store", trustStore::toString);
        registry.add("signpost.redis.tls-trust-store-password", () -> TRUST_PASSWORD);
        registry.add("signpost.redis.data-folder", () -> folder.resolve("app").toString());
        TestKeys.register(registry);
    }

    @AfterAll
    static void stop() {
        connector.close();
        if (redis != null) {
            redis.close();
        }
    }

    @LocalServerPort
    int port;

    @Test
    void aSurveyIsCountedOverTls() {
        Random random = new Random(7);
        SurveyTally tally = new SurveyTally();
        for (int i = 0; i < 3; i++) {
            Map<String, String> answers = SurveyTally.randomAnswers(random);
            new SurveyRespondent(new Endpoint(port), new Activities(connector.serviceUrl(), "29:tls-" + i,
                    "Person " + i, "aad-tls-" + i), "a:tls-" + i).answer(ROUND, SurveyTally.SURVEY, answers);
            tally.add(answers);
        }
        try (UnifiedJedis admin = RedisUrl.parse(adminUrl(server)).connect(client(trustStore))) {
            tally.assertTotals(admin, "signpost:", ROUND);
            assertThat(RedisProcesses.text(admin.sendCommand(Protocol.Command.CLIENT, "LIST")))
                    .as("the bot is connected, as its ACL user").contains("user=" + RedisProcesses.BOT_USER);
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefusedEvenWhenTrusted() {
        try (UnifiedJedis wrong = RedisUrl.parse(adminUrl(otherHost)).connect(client(trustStore))) {
            assertThatThrownBy(wrong::ping).hasStackTraceContaining("127.0.0.1");
        }
    }

    @Test
    void aCertificateTheTrustStoreDoesNotHoldIsRefused() {
        try (UnifiedJedis untrusted = RedisUrl.parse(adminUrl(server)).connect(client(null))) {
            assertThatThrownBy(untrusted::ping).hasStackTraceContaining("PKIX");
        }
    }

    @Test
    void plainTextIsNotAnswered() {
        try (UnifiedJedis plain = RedisUrl.parse(adminUrl(server).replace("rediss://", "redis://"))
                .connect(client(trustStore))) {
            assertThatThrownBy(plain::ping).isInstanceOf(RuntimeException.class);
        }
    }

    private static String botUrl(Server node) {
        return "rediss://" + RedisProcesses.BOT_USER + ":" + RedisProcesses.BOT_PASSWORD + "@127.0.0.1:" + node.port();
    }

    private static String adminUrl(Server node) {
        return "rediss://default:" + RedisProcesses.ADMIN_PASSWORD + "@127.0.0.1:" + node.port();
    }

    private static RedisUrl.Client client(Path trust) {
        return new RedisUrl.Client(2, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2),
                trust == null ? RedisUrl.Tls.JVM_TRUST_STORE : new RedisUrl.Tls(trust, TRUST_PASSWORD));
    }

    /** A self-signed certificate with this subject alternative name; its PEM files sit beside the key store. */
    private static Path certificate(String name, String subjectAlternativeName) throws Exception {
        Path store = folder.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + name, "-ext", "san=" + subjectAlternativeName, "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", TRUST_PASSWORD, "-keypass", TRUST_PASSWORD)
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool could not make a test certificate");
        }
        KeyStore keys = load(store);
        Files.writeString(folder.resolve(name + ".crt"), pem("CERTIFICATE", keys.getCertificate(name).getEncoded()));
        Files.writeString(folder.resolve(name + ".key"),
                pem("PRIVATE KEY", ((PrivateKey) keys.getKey(name, TRUST_PASSWORD.toCharArray())).getEncoded()));
        return store;
    }

    private static Path trustStore(Path... stores) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (Path store : stores) {
            KeyStore keys = load(store);
            String alias = keys.aliases().nextElement();
            Certificate certificate = keys.getCertificate(alias);
            trust.setCertificateEntry(alias, certificate);
        }
        Path file = folder.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            trust.store(out, TRUST_PASSWORD.toCharArray());
        }
        return file;
    }

    private static KeyStore load(Path store) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, TRUST_PASSWORD.toCharArray());
        }
        return keys;
    }

    private static String pem(String type, byte[] der) throws IOException {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
