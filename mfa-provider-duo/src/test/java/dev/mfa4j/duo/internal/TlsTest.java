package dev.mfa4j.duo.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.mfa4j.duo.internal.DuoStub.ok;
import static dev.mfa4j.duo.internal.Fixtures.await;
import static dev.mfa4j.duo.internal.Fixtures.passcode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.VerificationOutcome;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Transport security: only the configured roots are trusted, the host name is checked, TLS 1.2+
 * only, and a refused certificate is a provider error (which fail-open never lets through).
 */
class TlsTest {

    static ExecutorService executor;

    @BeforeAll
    static void start() {
        executor = Fixtures.executor();
    }

    @AfterAll
    static void stop() {
        executor.shutdownNow();
    }

    private static VerificationOutcome passcodeAgainst(DuoStub stub, MfaConfiguration configuration) {
        stub.server.stubFor(post(urlPathEqualTo("/auth/v2/auth")).willReturn(ok(Answers.ALLOW)));
        DuoVerifier verifier = DuoVerifiers.open(configuration, Fixtures.tuning(executor, Clock.systemUTC()));
        try {
            return await(verifier.verify(passcode("123456")));
        } finally {
            verifier.close();
        }
    }

    @Test
    void aServerCertificateFromACaOutsideThePinnedSetIsRefused() {
        try (DuoStub stub = new DuoStub(TestPki.serverKeyStore(TestPki.UNRELATED, "localhost"))) {
            VerificationOutcome outcome = passcodeAgainst(stub, Fixtures.config(stub.host()));
            assertThat(outcome.reason()).isEqualTo(Reason.PROVIDER_ERROR);
            assertThat(outcome.message()).contains("TLS");
            assertThat(stub.server.getAllServeEvents()).isEmpty();
        }
    }

    @Test
    void theBundledDuoRootsDoNotTrustATestCa() {
        try (DuoStub stub = new DuoStub()) {
            MfaConfiguration bundledOnly = MfaConfiguration.of("duo-test", "duo",
                    Map.of("Host", stub.host(), "IntegrationKey", Fixtures.IKEY, "SecretKey", Fixtures.SKEY));
            assertThat(passcodeAgainst(stub, bundledOnly).reason()).isEqualTo(Reason.PROVIDER_ERROR);
        }
    }

    @Test
    void theHostNameIsChecked() {
        try (DuoStub stub = new DuoStub(TestPki.serverKeyStore(TestPki.TRUSTED, "api-3945ef22.duosecurity.com"))) {
            VerificationOutcome outcome = passcodeAgainst(stub, Fixtures.config(stub.host()));
            assertThat(outcome.reason()).isEqualTo(Reason.PROVIDER_ERROR);
            assertThat(stub.server.getAllServeEvents()).isEmpty();
        }
    }

    @Test
    void caCertificatesReplaceTheBundledRoots() {
        try (DuoStub stub = new DuoStub()) {
            assertThat(passcodeAgainst(stub, Fixtures.config(stub.host())).reason()).isEqualTo(Reason.APPROVED);
        }
    }

    @Test
    void onlyTls12And13() throws Exception {
        DuoSettings settings = DuoSettings.from(Fixtures.config("localhost:1"));
        var client = HttpClients.build(settings, executor);
        assertThat(client.sslParameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(client.sslParameters().getCipherSuites()).noneMatch(s -> s.contains("_anon_") || s.contains("_NULL_"));
        assertThat(client.sslParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        assertThat(client.followRedirects()).isEqualTo(java.net.http.HttpClient.Redirect.NEVER);
    }

    /** The bundled file holds Duo's 15 public roots, each preceded by its true SHA-256 fingerprint. */
    @Test
    void bundledRootsAreTheFifteenDocumentedOnes() throws Exception {
        List<X509Certificate> roots = TrustAnchors.bundled();
        assertThat(roots).hasSize(15);
        assertThat(roots).extracting(c -> c.getSubjectX500Principal().getName()).anyMatch(n -> n.contains("Amazon Root CA 1"))
                .anyMatch(n -> n.contains("IdenTrust Commercial Root TLS ECC CA 2")).anyMatch(n -> n.contains("GTS Root R4"));
        String text;
        try (InputStream in = TrustAnchors.class.getResourceAsStream(TrustAnchors.BUNDLED_RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        Matcher m = Pattern.compile("# SHA-256: ([0-9a-f]{64})\\n(-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----)").matcher(text);
        int checked = 0;
        while (m.find()) {
            X509Certificate cert = TrustAnchors.parse(m.group(2)).get(0);
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()))).isEqualTo(m.group(1));
            checked++;
        }
        assertThat(checked).isEqualTo(15);
        for (X509Certificate root : roots) {
            root.verify(root.getPublicKey()); // self-signed roots
        }
    }
}
