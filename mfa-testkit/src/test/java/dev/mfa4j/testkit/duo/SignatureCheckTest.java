package dev.mfa4j.testkit.duo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.testkit.duo.TestClient.Reply;
import dev.mfa4j.testkit.duo.TestClient.Signing;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Signatures over real HTTPS requests, signed by the tests' own independent signer. */
class SignatureCheckTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Integration INTEGRATION = Integration.random("signature tests");
    static DuoSimulator duo;

    @BeforeAll
    static void start() {
        duo = DuoSimulator.builder()
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .integration(INTEGRATION)
                .user(DuoUser.builder("alice").smartphone().build())
                .start();
    }

    @AfterAll
    static void stop() {
        duo.close();
    }

    TestClient client;

    @BeforeEach
    void client() throws InterruptedException {
        client = new TestClient(duo);
        client.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        while (duo.takeRequest(Duration.ZERO) != null) {
            // drain what earlier tests left
        }
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void everySchemeVerifiesOnPostAndGet(Signing signing) throws InterruptedException {
        client.signing(signing);
        Reply preauth = client.post("/auth/v2/preauth", Map.of("username", "alice", "ipaddr", "10.1.2.3"));
        assertThat(preauth.status()).isEqualTo(200);
        assertThat(preauth.response().get("result").asText()).isEqualTo("auth");
        Reply check = client.get("/auth/v2/check", Map.of());
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.response().get("time").asLong()).isEqualTo(NOW.getEpochSecond());

        SignatureScheme expected = switch (signing) {
            case V2_SHA1 -> SignatureScheme.V2_HMAC_SHA1;
            case V2_SHA512 -> SignatureScheme.V2_HMAC_SHA512;
            case V5 -> SignatureScheme.V5_HMAC_SHA512;
        };
        RecordedDuoRequest post = duo.takeRequest();
        assertThat(post.signatureVerified()).isTrue();
        assertThat(post.signatureScheme()).contains(expected);
        assertThat(post.integrationKey()).contains(INTEGRATION.integrationKey());
        assertThat(post.param("ipaddr")).contains("10.1.2.3");
        assertThat(duo.takeRequest().signatureScheme()).contains(expected);
    }

    @Test
    void xDuoDateIsAcceptedInPlaceOfDate() {
        client.xDuoDate = true;
        assertThat(client.get("/auth/v2/check", Map.of()).status()).isEqualTo(200);
        client.signing(Signing.V5);
        assertThat(client.post("/auth/v2/preauth", Map.of("username", "alice")).status()).isEqualTo(200);
    }

    @Test
    void paramsWithEveryKindOfCharacterVerify() {
        // Sent as a form body and as JSON, re-canonicalized by the simulator.
        Map<String, String> params = Map.of("username", "alice", "hostname", "h ö+*~/%&=?", "ipaddr", "127.0.0.1");
        assertThat(client.signing(Signing.V2_SHA512).post("/auth/v2/preauth", params).status()).isEqualTo(200);
        assertThat(client.signing(Signing.V5).post("/auth/v2/preauth", params).status()).isEqualTo(200);
    }

    @Test
    void missingAuthorizationIs40101() throws InterruptedException {
        Reply reply = client.send(HttpRequest.newBuilder(client.uri("/auth/v2/check", "")).GET().build());
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.stat()).isEqualTo("FAIL");
        assertThat(reply.code()).isEqualTo(40101);
        assertThat(reply.json().get("message").asText()).isEqualTo("Missing request credentials");
        assertThat(duo.takeRequest().signatureStatus()).isEqualTo(SignatureStatus.MISSING_CREDENTIALS);
    }

    @Test
    void authorizationThatIsNotBasicIs40101() {
        Reply reply = client.send(client.signed("GET", "/auth/v2/check", Map.of())
                .setHeader("Authorization", "Bearer abc").build());
        assertThat(reply.code()).isEqualTo(40101);
    }

    @Test
    void unknownIntegrationKeyIs40102() {
        client.ikey = "DIUNKNOWNUNKNOWNUNKN";
        Reply reply = client.get("/auth/v2/check", Map.of());
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo(40102);
        assertThat(reply.json().get("message").asText()).isEqualTo("Invalid identity in request credentials");
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void wrongSecretKeyIs40103(Signing signing) throws InterruptedException {
        // One character changed, whatever the random key starts with.
        String key = INTEGRATION.secretKey();
        client.signing(signing).skey = (key.charAt(0) == 'x' ? "y" : "x") + key.substring(1);
        Reply reply = client.post("/auth/v2/preauth", Map.of("username", "alice"));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo(40103);
        assertThat(reply.json().get("message").asText()).isEqualTo("Invalid signature in request credentials");
        RecordedDuoRequest recorded = duo.takeRequest();
        assertThat(recorded.signatureStatus()).isEqualTo(SignatureStatus.INVALID_SIGNATURE);
        assertThat(recorded.signatureVerified()).isFalse();
        assertThat(recorded.signatureScheme()).isEmpty();
    }

    @Test
    void aParameterAddedAfterSigningIs40103() {
        HttpRequest signed = client.signed("GET", "/auth/v2/auth_status", Map.of("txid", "a")).build();
        HttpRequest tampered = HttpRequest.newBuilder(client.uri("/auth/v2/auth_status", "txid=b"))
                .header("Date", signed.headers().firstValue("Date").orElseThrow())
                .header("Authorization", signed.headers().firstValue("Authorization").orElseThrow()).GET().build();
        assertThat(client.send(tampered).code()).isEqualTo(40103);
    }

    @Test
    void aDateHeaderThatDiffersFromTheSignedOneIs40103() {
        String signedDate = client.date();
        HttpRequest request = client.signed("GET", "/auth/v2/check", Map.of(), signedDate)
                // Same instant, written differently: not byte-identical, so not the signed string.
                .setHeader("Date", signedDate.replace("+0000", "GMT")).build();
        assertThat(client.send(request).code()).isEqualTo(40103);
    }

    @Test
    void v5BodyWithFormContentTypeIs40103() {
        client.signing(Signing.V5);
        HttpRequest signed = client.signed("POST", "/auth/v2/preauth", Map.of("username", "alice")).build();
        HttpRequest asForm = HttpRequest.newBuilder(signed.uri())
                .header("Date", signed.headers().firstValue("Date").orElseThrow())
                .header("Authorization", signed.headers().firstValue("Authorization").orElseThrow())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\"}")).build();
        assertThat(client.send(asForm).code()).isEqualTo(40103);
    }

    @Test
    void aDateWithinThreeHundredSecondsIsAccepted() {
        client.clock = Clock.fixed(NOW.minusSeconds(300), ZoneOffset.UTC);
        assertThat(client.get("/auth/v2/check", Map.of()).status()).isEqualTo(200);
        client.clock = Clock.fixed(NOW.plusSeconds(300), ZoneOffset.UTC);
        assertThat(client.get("/auth/v2/check", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void aDateMoreThanThreeHundredSecondsAwayIs40105() throws InterruptedException {
        for (long offset : new long[] {-301, 301, 3600}) {
            client.clock = Clock.fixed(NOW.plusSeconds(offset), ZoneOffset.UTC);
            Reply reply = client.get("/auth/v2/check", Map.of());
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.code()).isEqualTo(40105);
            assertThat(reply.json().get("message").asText()).isEqualTo("Bad request timestamp");
            RecordedDuoRequest recorded = duo.takeRequest();
            assertThat(recorded.signatureStatus()).isEqualTo(SignatureStatus.BAD_TIMESTAMP);
            assertThat(recorded.signatureScheme()).contains(SignatureScheme.V2_HMAC_SHA512);
        }
    }

    @Test
    void aDateInAnotherZoneIsReadAsTheSameInstant() {
        // Duo's Java client writes the date in the JVM's zone, e.g. -0500.
        String date = NOW.atZone(ZoneOffset.ofHours(-5)).format(TestClient.RFC_2822);
        assertThat(date).endsWith("-0500");
        assertThat(client.send(client.signed("GET", "/auth/v2/check", Map.of(), date).build()).status()).isEqualTo(200);
    }

    @Test
    void pingNeedsNoSignature() throws InterruptedException {
        Reply ping = client.ping();
        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.response().get("time").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(duo.takeRequest().signatureStatus()).isEqualTo(SignatureStatus.NOT_REQUIRED);
    }
}
