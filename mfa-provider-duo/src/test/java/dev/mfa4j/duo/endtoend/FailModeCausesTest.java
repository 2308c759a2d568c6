package dev.mfa4j.duo.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.event.MfaEvent;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.duo.internal.ConnectProxy;
import dev.mfa4j.testkit.duo.DuoSimulator;
import dev.mfa4j.testkit.duo.DuoUser;
import dev.mfa4j.testkit.duo.Fault;
import dev.mfa4j.testkit.junit5.StartStop;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each cause of a Duo verification without a verdict, in both fail modes, through MfaService as a
 * host runs it. Only "no answer could be had" (a refused connection, a dropped connection, a
 * timeout, Duo's 5xx) may fail open; Duo's rate limit and every TLS failure fail closed.
 *
 * <p>Real waits: the timeout case waits out a 1 s request timeout on a real socket, and every
 * case pays real TLS handshakes.
 */
class FailModeCausesTest {

    @StartStop
    static final DuoSimulator duo = DuoSimulator.builder()
            .user(DuoUser.builder("carol").smartphone().build())
            .build();

    private static final PrincipalId CAROL = PrincipalId.user("internal", "carol");

    private static final AtomicInteger PASSCODES = new AtomicInteger(400_000);

    private final List<MfaEvent> events = new CopyOnWriteArrayList<>();
    /** A passcode of carol's that no other test used: the simulator, shared by the tests, spends each once. */
    private final String goodPasscode = String.valueOf(PASSCODES.incrementAndGet());
    private MfaService mfa;

    @BeforeEach
    void configure() {
        duo.clearFaults();
        duo.addPasscodes("carol", goodPasscode);
        mfa = DuoAgainstSimulator.service(events::add);
    }

    @AfterEach
    void close() {
        mfa.close();
        duo.clearFaults();
    }

    /** Creates the configuration with the fail mode, the options given, and carol assigned to it. */
    private void configureDuo(String failMode, String options) {
        mfa.configurations().json().create(DuoAgainstSimulator.configuration(duo, ", \"FailMode\": \"" + failMode + "\"" + options));
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
        configureDuo(failMode, "");
        mfa.configurations().json().update(DuoAgainstSimulator.CONFIGURATION, DuoAgainstSimulator.configuration(duo,
                ", \"FailMode\": \"" + failMode + "\"").replace(duo.host(), "localhost:" + deadPort));

        assertThat(mfa.verify(CAROL, "999999").reason()).isEqualTo(outage(failMode));
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "closed"})
    void aServerErrorIsAnOutage(String failMode) {
        configureDuo(failMode, "");
        duo.injectFault("/auth/v2/auth", Fault.serverError(1, 503));

        assertThat(mfa.verify(CAROL, "999999").reason()).isEqualTo(outage(failMode));
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "closed"})
    void aConnectionDroppedBeforeTheAnswerIsAnOutage(String failMode) {
        configureDuo(failMode, "");
        duo.injectFault("/auth/v2/auth", Fault.dropConnection(1));

        assertThat(mfa.verify(CAROL, "999999").reason()).isEqualTo(outage(failMode));
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "closed"})
    void noAnswerWithinTheRequestTimeoutIsAnOutage(String failMode) {
        configureDuo(failMode, "");
        // Warm the connection, so the 1 s below is spent waiting for the answer, not on a handshake.
        assertThat(mfa.configurations().health(DuoAgainstSimulator.CONFIGURATION)).succeedsWithin(Duration.ofSeconds(30));
        mfa.configurations().json().update(DuoAgainstSimulator.CONFIGURATION, DuoAgainstSimulator.configuration(duo, "1s",
                ", \"FailMode\": \"" + failMode + "\""));
        duo.injectFault("/auth/v2/auth", Fault.slow(1, Duration.ofSeconds(30)));

        VerificationResult result = mfa.verify(CAROL, "999999");

        assertThat(result.reason()).isEqualTo(outage(failMode));
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "closed"})
    void duosRateLimitFailsClosedInEveryFailModeAndIsNotCounted(String failMode) {
        configureDuo(failMode, "");
        mfa.configurations().json().update(DuoAgainstSimulator.CONFIGURATION, DuoAgainstSimulator.configuration(duo,
                ", \"FailMode\": \"" + failMode + "\", \"RetryBudget\": \"0s\"").replace(", \"RetryBudget\": \"3s\"", ""));
        duo.injectFault("/auth/v2/auth", Fault.rateLimited(10, Duration.ofSeconds(1)));

        for (int i = 0; i < 6; i++) {
            VerificationResult result = mfa.verify(CAROL, "99999" + i);
            assertThat(result.reason()).isEqualTo(Reason.RATE_LIMITED);
            assertThat(result.allowed()).isFalse();
        }
        duo.clearFaults();
        assertThat(mfa.verify(CAROL, goodPasscode).reason()).as("six rate-limited attempts locked nobody out").isEqualTo(Reason.APPROVED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "closed"})
    void anUntrustedCertificateFailsClosedInEveryFailMode(String failMode) {
        // Without CaCertificates only Duo's own roots are trusted; the simulator's certificate is not from them.
        String untrusting = DuoAgainstSimulator.configuration(duo, ", \"FailMode\": \"" + failMode + "\"")
                .replaceAll("\"CaCertificates\": \"[^\"]*\", ", "");
        mfa.configurations().json().create(untrusting);
        mfa.principals().assign(MfaAssignment.of(CAROL).configuration(DuoAgainstSimulator.CONFIGURATION)
                .providerUserId(duo.user("carol").orElseThrow().userId()));

        VerificationResult result = mfa.verify(CAROL, goodPasscode);

        assertThat(result.reason()).isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(result.message()).contains("TLS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "closed"})
    void aCertificateForAnotherHostFailsClosedInEveryFailMode(String failMode) throws Exception {
        try (ConnectProxy proxy = new ConnectProxy()) {
            // The proxy sends every CONNECT to the simulator: a redirected name meets a certificate
            // issued for localhost, trusted but for another host.
            String redirected = DuoAgainstSimulator.configuration(duo, ", \"FailMode\": \"" + failMode + "\", \"Proxy\": \"http://127.0.0.1:"
                    + proxy.port() + "\"").replace("\"Host\": \"" + duo.host() + "\"",
                    "\"Host\": \"api-12345678.duosecurity.com:" + duo.port() + "\"");
            mfa.configurations().json().create(redirected);
            mfa.principals().assign(MfaAssignment.of(CAROL).configuration(DuoAgainstSimulator.CONFIGURATION)
                    .providerUserId(duo.user("carol").orElseThrow().userId()));

            VerificationResult result = mfa.verify(CAROL, goodPasscode);

            assertThat(proxy.connects).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("CONNECT api-12345678.duosecurity.com:"));
            assertThat(result.reason()).isEqualTo(Reason.PROVIDER_ERROR);
            assertThat(result.message()).contains("TLS");
        }
    }
}
