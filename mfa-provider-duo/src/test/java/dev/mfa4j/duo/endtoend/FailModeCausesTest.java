package dev.mfa4j.duo.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.event.MfaEvent;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.duo.internal.ConnectProxy;
import dev.mfa4j.testkit.ManualTicker;
import dev.mfa4j.testkit.duo.DuoSimulator;
import dev.mfa4j.testkit.duo.DuoUser;
import dev.mfa4j.testkit.duo.Fault;
import dev.mfa4j.testkit.junit5.StartStop;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each cause of a Duo verification without a verdict, in both fail modes, through MfaService as a
 * host runs it. Only "no answer could be had" (a refused connection, a dropped connection, a
 * timeout, Duo's 5xx) may fail open; Duo's rate limit and every TLS failure fail closed.
 *
 * <p>Each test has its own simulator and service on one ticker: the timeout case moves it past
 * the request timeout. Real waits: only the TLS handshakes, and the refused connection's.
 */
class FailModeCausesTest {

    private static final PrincipalId CAROL = PrincipalId.user("internal", "carol");
    private static final String GOOD_PASSCODE = "400001";

    private final ManualTicker ticker = new ManualTicker();

    @StartStop
    final DuoSimulator duo = DuoSimulator.builder()
            .ticker(ticker)
            .user(DuoUser.builder("carol").smartphone().passcodes(GOOD_PASSCODE).build())
            .build();

    private final List<MfaEvent> events = new CopyOnWriteArrayList<>();
    private MfaService mfa;

    @BeforeEach
    void configure() {
        mfa = DuoAgainstSimulator.service(events::add, ticker);
    }

    @AfterEach
    void close() {
        mfa.close();
    }

    /** Creates the configuration with the fail mode and the options given (name, value...), and carol assigned to it. */
    private void configureDuo(String failMode, String... options) {
        String[] all = new String[options.length + 2];
        all[0] = "FailMode";
        all[1] = failMode;
        System.arraycopy(options, 0, all, 2, options.length);
        mfa.configurations().json().create(DuoAgainstSimulator.configuration(duo, all));
        mfa.principals().assign(MfaAssignment.of(CAROL).configuration(DuoAgainstSimulator.CONFIGURATION)
                .providerUserId(duo.user("carol").orElseThrow().userId()));
    }

    private static Reason outage(String failMode) {
        return failMode.equals("open") ? Reason.FAIL_OPEN_BYPASS : Reason.PROVIDER_UNAVAILABLE;
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "closed"})
    void aRefusedConnectionIsAnOutage(String failMode) throws Exception {
        int deadPort;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = closed.getLocalPort();
        }
        configureDuo(failMode, "Host", "localhost:" + deadPort);

        assertThat(mfa.verify(CAROL, "999999").reason()).isEqualTo(outage(failMode));
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "closed"})
    void aServerErrorIsAnOutage(String failMode) {
        configureDuo(failMode);
        duo.injectFault("/auth/v2/auth", Fault.serverError(1, 503));

        assertThat(mfa.verify(CAROL, "999999").reason()).isEqualTo(outage(failMode));
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "closed"})
    void aConnectionDroppedBeforeTheAnswerIsAnOutage(String failMode) {
        configureDuo(failMode);
        duo.injectFault("/auth/v2/auth", Fault.dropConnection(1));

        assertThat(mfa.verify(CAROL, "999999").reason()).isEqualTo(outage(failMode));
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "closed"})
    void noAnswerWithinTheRequestTimeoutIsAnOutage(String failMode) throws Exception {
        configureDuo(failMode);
        duo.injectFault("/auth/v2/auth", Fault.slow(1, Duration.ofMinutes(5)));

        CompletableFuture<VerificationResult> result = mfa.verifyAsync(CAROL, "999999");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> duo.requestCount("/auth/v2/auth") == 1);
        ticker.advance(DuoAgainstSimulator.REQUEST_TIMEOUT);

        assertThat(result.get(30, TimeUnit.SECONDS).reason()).isEqualTo(outage(failMode));
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "closed"})
    void duosRateLimitFailsClosedInEveryFailModeAndIsNotCounted(String failMode) {
        configureDuo(failMode, "RetryBudget", "0s");
        duo.injectFault("/auth/v2/auth", Fault.rateLimited(10, Duration.ofSeconds(1)));

        for (int i = 0; i < 6; i++) {
            VerificationResult result = mfa.verify(CAROL, "99999" + i);
            assertThat(result.reason()).isEqualTo(Reason.RATE_LIMITED);
            assertThat(result.allowed()).isFalse();
        }
        duo.clearFaults();
        assertThat(mfa.verify(CAROL, GOOD_PASSCODE).reason()).as("six rate-limited attempts locked nobody out").isEqualTo(Reason.APPROVED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "closed"})
    void anUntrustedCertificateFailsClosedInEveryFailMode(String failMode) {
        // Without CaCertificates only Duo's own roots are trusted; the simulator's certificate is not from them.
        configureDuo(failMode, "CaCertificates", null);

        VerificationResult result = mfa.verify(CAROL, GOOD_PASSCODE);

        assertThat(result.reason()).isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(result.message()).contains("TLS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "closed"})
    void aCertificateForAnotherHostFailsClosedInEveryFailMode(String failMode) throws Exception {
        try (ConnectProxy proxy = new ConnectProxy()) {
            // The proxy sends every CONNECT to the simulator: a redirected name meets a certificate
            // issued for localhost, trusted but for another host.
            configureDuo(failMode, "Proxy", "http://127.0.0.1:" + proxy.port(), "Host", "api-12345678.duosecurity.com:" + duo.port());

            VerificationResult result = mfa.verify(CAROL, GOOD_PASSCODE);

            assertThat(proxy.connects).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("CONNECT api-12345678.duosecurity.com:"));
            assertThat(result.reason()).isEqualTo(Reason.PROVIDER_ERROR);
            assertThat(result.message()).contains("TLS");
        }
    }
}
