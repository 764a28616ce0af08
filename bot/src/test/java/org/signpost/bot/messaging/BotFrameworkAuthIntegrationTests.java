package org.signpost.bot.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.Activities;
import org.signpost.bot.Endpoint;
import org.signpost.bot.FakeConnector;
import org.signpost.bot.FakeConnector.Sent;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With an app id every request needs a valid Bot Framework token, checked against a local OpenID
 * document; replies carry a token from the single-tenant registration's own authority.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BotFrameworkAuthIntegrationTests {

    static final String APP_ID = "00000000-0000-0000-0000-00000000a99d";
    static final String TENANT = "tenant-of-the-employer";
    static final Path work = tempFolder();
    static final LocalIdentityProvider identity = LocalIdentityProvider.start(work);
    static final FakeConnector connector = new FakeConnector();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        identity.registerSingleTenantApp(registry, APP_ID, TENANT);
        registry.add("signpost.redis.data-folder", () -> work.resolve("data").toString());
        // with an app id the keys come from configuration
        registry.add("signpost.keys.sealing-key", () -> "a-sealing-key-for-tests-only-0123456789");
        registry.add("signpost.survey.token-secret", () -> "a-token-key-for-tests-only-0123456789ab");
    }

    @AfterAll
    static void stop() {
        identity.close();
        connector.close();
    }

    @LocalServerPort
    int port;

    private final Activities teams = new Activities(connector.serviceUrl(), "29:user-1", "Alex Example", "aad-1");

    @Test
    void aValidChannelTokenIsAcceptedAndTheReplyCarriesATokenFromTheTenantsAuthority() {
        String token = identity.sign(identity.channelToken(APP_ID, connector.serviceUrl()));

        int status = endpoint().post(teams.message("a:valid", "hello").toString(), "Bearer " + token).statusCode();

        assertThat(status).isEqualTo(200);
        List<Sent> sent = connector.sentTo("a:valid");
        assertThat(sent).isNotEmpty().allSatisfy(reply ->
                assertThat(reply.authorization()).isEqualTo("Bearer " + LocalIdentityProvider.OUTBOUND_TOKEN));
        assertThat(identity.tokenRequests()).isNotEmpty().allSatisfy(request -> {
            assertThat(request.path()).isEqualTo("/" + TENANT + "/oauth2/v2.0/token");
            assertThat(request.form()).contains("client_id=" + APP_ID, "grant_type=client_credentials",
                    "api.botframework.com");
        });
    }

    @Test
    void withAnAppIdTheEndpointListensBeyondLoopback(@Autowired AbstractConfigurableWebServerFactory server) {
        assertThat(server.getAddress()).isNull();
    }

    @Test
    void aMissingTokenIsRejected() {
        assertRejected(null);
    }

    @Test
    void aMalformedTokenIsRejected() {
        assertRejected("Bearer this-is-not-a-jwt");
        assertRejected("Basic dXNlcjpwYXNz");
    }

    @Test
    void anExpiredTokenIsRejected() {
        assertRejected("Bearer " + identity.sign(identity.channelToken(APP_ID, connector.serviceUrl())
                .withNotBefore(Instant.now().minusSeconds(7200)).withExpiresAt(Instant.now().minusSeconds(3600))));
    }

    @Test
    void aTokenForAnotherBotIsRejected() {
        assertRejected("Bearer " + identity.sign(identity.channelToken("another-app", connector.serviceUrl())));
    }

    @Test
    void aTokenFromAnotherIssuerIsRejected() {
        assertRejected("Bearer " + identity.sign(identity.channelToken(APP_ID, connector.serviceUrl())
                .withIssuer("https://evil.example")));
    }

    @Test
    void aTokenForAnotherServiceUrlIsRejected() {
        assertRejected("Bearer " + identity.sign(identity.channelToken(APP_ID, "https://smba.trafficmanager.net/emea/")));
    }

    @Test
    void aTokenThatPassedIsStillCheckedAgainstEachActivitysServiceUrl() {
        // passed tokens are remembered: what was remembered must not carry over to another service URL
        String token = "Bearer " + identity.sign(identity.channelToken(APP_ID, connector.serviceUrl()));
        assertThat(endpoint().post(teams.message("a:remembered", "hello").toString(), token).statusCode()).isEqualTo(200);
        Activities elsewhere = new Activities(connector.serviceUrl() + "elsewhere/", "29:user-1", "Alex Example", "aad-1");

        int status = endpoint().post(elsewhere.message("a:remembered-elsewhere", "hello").toString(), token).statusCode();

        assertThat(status).isEqualTo(401);
        assertThat(connector.sentTo("a:remembered-elsewhere")).isEmpty();
        assertThat(endpoint().post(teams.message("a:remembered", "hello again").toString(), token).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aTokenSignedWithAnUnpublishedKeyIsRejected() {
        assertRejected("Bearer " + identity.signWithAnotherKey(identity.channelToken(APP_ID, connector.serviceUrl())));
    }

    @Test
    void aTokenWithoutAServiceUrlClaimIsRejected() {
        assertRejected("Bearer " + identity.sign(identity.channelToken(APP_ID, connector.serviceUrl())
                .withClaim("serviceurl", (String) null)));
    }

    @Test
    void aSkillTokenFromAnotherBotIsRejectedEvenFromTheChannelsIssuer() {
        // the SDK would route this to its skill check (which ignores serviceurl and the claims validator)
        assertRejected("Bearer " + identity.sign(identity.skillToken(APP_ID, "another-bot")
                .withClaim("serviceurl", connector.serviceUrl())));
        assertRejected("Bearer " + identity.sign(identity.skillToken(APP_ID, "another-bot")
                .withIssuer(LocalIdentityProvider.BOT_FRAMEWORK_TENANT_ISSUER)));
    }

    @Test
    void anEmulatorTokenIsRejected() {
        assertRejected("Bearer " + identity.sign(identity.emulatorToken(APP_ID)));
    }

    @Test
    void aTokenWhoseKeyIdHoldsLineBreaksIsRejected() {
        assertRejected("Bearer " + identity.sign(identity.channelToken(APP_ID, connector.serviceUrl())
                .withKeyId("forged\r\nINFO a line the attacker wrote")));
    }

    private void assertRejected(String authorization) {
        String conversation = "a:rejected-" + System.nanoTime();
        int status = endpoint().post(teams.message(conversation, "hello").toString(), authorization).statusCode();
        assertThat(status).isIn(401, 403);
        assertThat(connector.sentTo(conversation)).isEmpty();
    }

    private Endpoint endpoint() {
        return new Endpoint(port);
    }

    private static Path tempFolder() {
        try {
            return Files.createTempDirectory("signpost-auth");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
