package dev.mfa4j.duo.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.mfa4j.duo.internal.DuoStub.ok;
import static dev.mfa4j.duo.internal.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.mfa4j.api.Credential;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exact method, path, query, headers and body that reach the server for each endpoint and
 * signature version, with the clock fixed and the JVM set to a French locale and New York time,
 * so a date written with local names or zone would show. The expected signatures are computed
 * here from literal canonical strings, with the JDK's own HMAC, not with the provider's code.
 */
class WireFormatTest {

    private static final String DATE = "Tue, 21 Aug 2012 17:29:18 -0000";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2012-08-21T17:29:18Z"), ZoneId.of("Asia/Kolkata"));
    private static final String USER = Fixtures.USER_ID;
    private static final String DEVICE = DuoVerifierFlowsTest.PHONE_1;
    private static final String TXID = DuoVerifierFlowsTest.TXID;

    static DuoStub duo;
    static ExecutorService executor;
    static Locale savedLocale;
    static TimeZone savedZone;

    @BeforeAll
    static void start() {
        savedLocale = Locale.getDefault();
        savedZone = TimeZone.getDefault();
        Locale.setDefault(Locale.FRANCE);
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        duo = new DuoStub();
        executor = Fixtures.executor();
    }

    @AfterAll
    static void stop() {
        Locale.setDefault(savedLocale);
        TimeZone.setDefault(savedZone);
        duo.close();
        executor.shutdownNow();
    }

    @Test
    void dateIsEnglishAndUtcWhateverTheDefaults() {
        assertThat(DuoDates.now(CLOCK)).isEqualTo(DATE);
        assertThat(DuoDates.format(Instant.parse("2026-01-05T03:04:05Z"))).isEqualTo("Mon, 05 Jan 2026 03:04:05 -0000");
    }

    @ParameterizedTest(name = "signature v{0} with {1}")
    @CsvSource({"5, HmacSHA512", "2, HmacSHA512", "2, HmacSHA1"})
    void everyEndpointOnTheWire(String version, String algorithm) throws Exception {
        duo.server.resetAll();
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/preauth")).willReturn(ok(DuoVerifierFlowsTest.PREAUTH_AUTH)));
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth")).willReturn(ok(Answers.txid(TXID))));
        duo.server.stubFor(get(urlPathEqualTo("/auth/v2/auth_status")).willReturn(ok(Answers.ALLOW)));
        duo.server.stubFor(get(urlPathEqualTo("/auth/v2/ping")).willReturn(ok(Answers.time(1345570158))));
        duo.server.stubFor(get(urlPathEqualTo("/auth/v2/check")).willReturn(ok(Answers.time(1345570158))));
        DuoVerifier verifier = DuoVerifiers.open(Fixtures.config(duo.host(), "SignatureVersion", version, "SignatureAlgorithm", algorithm,
                "PushType", "Vault login", "PushInfo", "from=login%20portal"), Fixtures.tuning(executor, CLOCK));

        // push: preauth, async auth, auth_status
        assertThat(await(verifier.verify(Fixtures.request(Credential.PUSH))).reason()).isEqualTo(Reason.APPROVED);
        List<LoggedRequest> push = allRequests();
        duo.server.resetRequests();
        // passcode, then health (ping, check)
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth")).willReturn(ok(Answers.ALLOW)));
        assertThat(await(verifier.verify(Fixtures.passcode("123456"))).reason()).isEqualTo(Reason.APPROVED);
        assertThat(verifier.health().get(30, TimeUnit.SECONDS).healthy()).isTrue();
        List<LoggedRequest> requests = allRequests();
        verifier.close();
        assertThat(requests).extracting(LoggedRequest::getUrl).containsExactly("/auth/v2/auth", "/auth/v2/ping", "/auth/v2/check");

        boolean v5 = version.equals("5");
        String host = duo.host();
        // passcode
        LoggedRequest passcode = requests.get(0);
        String passcodeBody = v5
                ? """
                  {"factor":"passcode","ipaddr":"203.0.113.7","passcode":"123456","user_id":"%s"}""".formatted(USER)
                : "factor=passcode&ipaddr=203.0.113.7&passcode=123456&user_id=" + USER;
        expectPost(passcode, v5, passcodeBody, host, "/auth/v2/auth", algorithm);
        // ping: unsigned
        LoggedRequest ping = requests.get(1);
        assertThat(ping.getMethod().value()).isEqualTo("GET");
        assertThat(ping.containsHeader("Authorization")).isFalse();
        assertThat(ping.getHeader("User-Agent")).isEqualTo("mfa4j-duo/test");
        // check: signed GET without parameters
        expectGet(requests.get(2), v5, host, "/auth/v2/check", "", algorithm);

        assertThat(push).extracting(LoggedRequest::getUrl)
                .containsExactly("/auth/v2/preauth", "/auth/v2/auth", "/auth/v2/auth_status?txid=" + TXID);
        String preauthBody = v5 ? """
                {"ipaddr":"203.0.113.7","user_id":"%s"}""".formatted(USER) : "ipaddr=203.0.113.7&user_id=" + USER;
        expectPost(push.get(0), v5, preauthBody, host, "/auth/v2/preauth", algorithm);
        String authBody = v5
                ? """
                  {"async":"1","device":"%s","factor":"push","ipaddr":"203.0.113.7",\
                  "pushinfo":"from=login%%20portal","type":"Vault login","user_id":"%s"}""".formatted(DEVICE, USER)
                : "async=1&device=" + DEVICE + "&factor=push&ipaddr=203.0.113.7&pushinfo=from%3Dlogin%2520portal&type=Vault%20login&user_id="
                        + USER;
        expectPost(push.get(1), v5, authBody, host, "/auth/v2/auth", algorithm);
        expectGet(push.get(2), v5, host, "/auth/v2/auth_status", "txid=" + TXID, algorithm);
    }

    private static List<LoggedRequest> allRequests() {
        return duo.server.findAll(anyRequestedFor(anyUrl()));
    }

    private static void expectPost(LoggedRequest request, boolean v5, String body, String host, String path, String algorithm)
            throws Exception {
        assertThat(request.getMethod().value()).isEqualTo("POST");
        assertThat(request.getBodyAsString()).isEqualTo(body);
        assertThat(request.getHeader("Content-Type")).isEqualTo(v5 ? "application/json" : "application/x-www-form-urlencoded");
        String canonical = v5
                ? DATE + "\nPOST\n" + host + "\n" + path + "\n\n" + sha512(body) + "\n" + sha512("")
                : DATE + "\nPOST\n" + host + "\n" + path + "\n" + body;
        expectSigned(request, canonical, v5 ? "HmacSHA512" : algorithm);
    }

    private static void expectGet(LoggedRequest request, boolean v5, String host, String path, String query, String algorithm)
            throws Exception {
        assertThat(request.getMethod().value()).isEqualTo("GET");
        assertThat(request.getUrl()).isEqualTo(query.isEmpty() ? path : path + "?" + query);
        assertThat(request.getBody()).isEmpty();
        assertThat(request.containsHeader("Content-Type")).isFalse();
        String canonical = v5
                ? DATE + "\nGET\n" + host + "\n" + path + "\n" + query + "\n" + sha512("") + "\n" + sha512("")
                : DATE + "\nGET\n" + host + "\n" + path + "\n" + query;
        expectSigned(request, canonical, v5 ? "HmacSHA512" : algorithm);
    }

    private static void expectSigned(LoggedRequest request, String canonical, String algorithm) throws Exception {
        assertThat(request.getHeader("Date")).isEqualTo(DATE);
        assertThat(request.getHeader("User-Agent")).isEqualTo("mfa4j-duo/test");
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(Fixtures.SKEY.getBytes(StandardCharsets.US_ASCII), algorithm));
        String signature = HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        assertThat(request.getHeader("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString((Fixtures.IKEY + ":" + signature).getBytes(StandardCharsets.US_ASCII)));
    }

    private static String sha512(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hostIsLowerCasedInTheSignatureOnly() {
        RequestEncoder encoder = new RequestEncoder("API-3945EF22.duosecurity.com",
                new DuoSigner(Fixtures.IKEY, Secret.of(Fixtures.SKEY), HmacAlgorithm.HMAC_SHA512), SignatureVersion.V5, CLOCK, "ua");
        EncodedRequest encoded = encoder.encode(DuoRequest.get("/auth/v2/check", DuoParams.NONE));
        assertThat(encoded.canonical()).startsWith(DATE + "\nGET\napi-3945ef22.duosecurity.com\n/auth/v2/check\n");
        assertThat(encoded.toString()).doesNotContain("Basic");
    }
}
