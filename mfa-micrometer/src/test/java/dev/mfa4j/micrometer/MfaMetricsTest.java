package dev.mfa4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.InvalidCredentialException;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.core.MfaService;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MfaMetricsTest {

    private static final String SECRET_PASSCODE = "7755213";
    private static final String CONFIGURATION = "TenantAcmeDemo";
    private static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob.tagcheck");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestObservationRegistry observations = TestObservationRegistry.create();
    private final MfaMetrics metrics = new MfaMetrics(observations);
    private final HoldingPushProvider holding = new HoldingPushProvider();
    private MfaService mfa;

    private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
        metrics.bindTo(meters);
        mfa = Mfa.service(metrics, holding);
        Mfa.create(mfa, "{\"Type\": \"fake\", \"Name\": \"" + CONFIGURATION + "\", \"Options\": {\"Passcode\": \"" + SECRET_PASSCODE
                + "\"}}");
        Mfa.assign(mfa, BOB, "bob-at-the-provider", CONFIGURATION);
    }

    @AfterEach
    void tearDown() {
        mfa.close();
    }

    private double verifications(String factor, String reason, String allowed) {
        var counter = meters.find(MfaMetrics.VERIFICATIONS).tags("provider", "fake", "factor", factor, "reason", reason, "allowed", allowed)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void countsAndTimesVerificationsByProviderFactorReasonAndOutcome() {
        assertThat(mfa.verify(BOB, SECRET_PASSCODE).allowed()).isTrue();
        assertThat(mfa.verify(BOB, "123456").allowed()).isFalse();
        assertThat(mfa.verify(BOB, "123457").allowed()).isFalse();
        assertThat(mfa.verify(BOB, "push").allowed()).isTrue();

        assertThat(verifications("passcode", "approved", "true")).isEqualTo(1);
        assertThat(verifications("passcode", "invalid_passcode", "false")).isEqualTo(2);
        assertThat(verifications("push", "approved", "true")).isEqualTo(1);
        assertThat(meters.find(MfaMetrics.VERIFICATION_DURATION).tags("provider", "fake", "factor", "passcode").timer().count())
                .isEqualTo(3);
        assertThat(meters.find(MfaMetrics.VERIFICATION_DURATION).tags("provider", "fake", "factor", "push").timer().count())
                .isEqualTo(1);
    }

    @Test
    void refusedInputIsCountedAsFactorInvalidWithNoReason() {
        assertThatThrownBy(() -> mfa.verify(BOB, "not a code")).isInstanceOf(InvalidCredentialException.class);

        assertThat(meters.find(MfaMetrics.VERIFICATIONS).tags("factor", "invalid", "reason", "none", "allowed", "false").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aPrincipalWithoutMfaHasProviderNone() {
        mfa.verify(PrincipalId.parse("principal/internal/user/nobody"), "123456");

        assertThat(meters.find(MfaMetrics.VERIFICATIONS).tags("provider", "none", "reason", "not_configured").counter().count())
                .isEqualTo(1);
    }

    @Test
    void countsManagementChangesByAction() {
        Mfa.update(mfa, CONFIGURATION, "{\"Type\": \"fake\", \"Name\": \"" + CONFIGURATION + "\", \"Options\": {\"PushResult\": \"deny\"}}");
        mfa.principals().remove(BOB);
        mfa.configurations().delete(CONFIGURATION);

        assertThat(meters.find(MfaMetrics.CONFIGURATION_CHANGES).tags("action", "created", "provider", "fake").counter().count()).isEqualTo(1);
        assertThat(meters.find(MfaMetrics.CONFIGURATION_CHANGES).tags("action", "updated", "provider", "fake").counter().count()).isEqualTo(1);
        assertThat(meters.find(MfaMetrics.CONFIGURATION_CHANGES).tags("action", "deleted", "provider", "fake").counter().count()).isEqualTo(1);
        assertThat(meters.find(MfaMetrics.ASSIGNMENT_CHANGES).tags("action", "assigned").counter().count()).isEqualTo(1);
        assertThat(meters.find(MfaMetrics.ASSIGNMENT_CHANGES).tags("action", "removed").counter().count()).isEqualTo(1);
    }

    @Test
    void anObservedVerificationIsOneObservationWithLowCardinalityKeys() {
        VerificationResult result = metrics.observe(VerificationContext.empty(), observed -> mfa.verifyAsync(BOB, SECRET_PASSCODE, observed))
                .join();

        assertThat(result.allowed()).isTrue();
        TestObservationRegistryAssert.assertThat(observations).hasNumberOfObservationsEqualTo(1)
                .hasObservationWithNameEqualTo(MfaMetrics.OBSERVATION).that()
                .hasBeenStarted().hasBeenStopped()
                .hasLowCardinalityKeyValue("mfa4j.provider", "fake")
                .hasLowCardinalityKeyValue("mfa4j.factor", "passcode")
                .hasLowCardinalityKeyValue("mfa4j.reason", "approved")
                .hasLowCardinalityKeyValue("mfa4j.allowed", "true")
                .doesNotHaveError();
    }

    @Test
    void anObservedCallThatThrowsStillEndsItsObservation() {
        assertThatThrownBy(() -> metrics.observe(VerificationContext.empty(), observed -> mfa.verifyAsync(BOB, "not a code", observed)))
                .isInstanceOf(InvalidCredentialException.class);

        TestObservationRegistryAssert.assertThat(observations).hasObservationWithNameEqualTo(MfaMetrics.OBSERVATION).that()
                .hasBeenStopped().hasLowCardinalityKeyValue("mfa4j.factor", "invalid");
    }

    @Test
    void thePushesWaitingGaugeCountsPushesOnTheDeviceUntilTheyAreAnswered() throws Exception {
        Mfa.create(mfa, "{\"Type\": \"holding\", \"Name\": \"Holding\", \"Options\": {}}");
        PrincipalId alice = PrincipalId.parse("principal/internal/user/alice");
        PrincipalId carol = PrincipalId.parse("principal/internal/user/carol");
        Mfa.assign(mfa, alice, "alice", "Holding");
        Mfa.assign(mfa, carol, "carol", "Holding");

        CompletableFuture<VerificationResult> first = metrics.observe(VerificationContext.empty(),
                observed -> mfa.verifyAsync(alice, "push", observed));
        CompletableFuture<VerificationResult> second = metrics.observe(VerificationContext.empty(),
                observed -> mfa.verifyAsync(carol, "push", observed));
        CompletableFuture<VerificationOutcome> aliceAnswer = holding.waiting.poll(10, TimeUnit.SECONDS);
        CompletableFuture<VerificationOutcome> carolAnswer = holding.waiting.poll(10, TimeUnit.SECONDS);
        assertThat(meters.get(MfaMetrics.PUSHES_WAITING).gauge().value()).isEqualTo(2);

        aliceAnswer.complete(VerificationOutcome.approved("yes"));
        first.get(10, TimeUnit.SECONDS);
        assertThat(meters.get(MfaMetrics.PUSHES_WAITING).gauge().value()).isEqualTo(1);

        carolAnswer.complete(VerificationOutcome.rejected(dev.mfa4j.api.Reason.DENIED, "no"));
        assertThat(second.get(10, TimeUnit.SECONDS).allowed()).isFalse();
        assertThat(meters.get(MfaMetrics.PUSHES_WAITING).gauge().value()).isZero();
    }

    /**
     * Cardinality and privacy: nothing that names a person, a session or a secret reaches a tag
     * or an observation key, whatever a verification carries.
     */
    @Test
    void noTagOrObservationKeyCarriesAPrincipalUserIdPasscodeRequestIdAddressOrSecret() {
        VerificationContext context = VerificationContext.builder().clientIp("203.0.113.77").applicationName("Vault UI for tagcheck")
                .requestId("req-tagcheck-42").build();
        metrics.observe(context, observed -> mfa.verifyAsync(BOB, SECRET_PASSCODE, observed)).join();
        metrics.observe(VerificationContext.builder().requestId("req-tagcheck-43").build(),
                observed -> mfa.verifyAsync(BOB, "998877", observed)).join();
        mfa.verify(PrincipalId.parse("principal/internal/user/stranger.tagcheck"), "123456");
        mfa.principals().remove(BOB);

        List<String> values = new ArrayList<>();
        for (Meter meter : meters.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                values.add(tag.getValue());
            }
        }
        assertThat(stopped).hasSize(2);
        for (Observation.Context stoppedContext : stopped) {
            stoppedContext.getLowCardinalityKeyValues().forEach(kv -> values.add(kv.getValue()));
            stoppedContext.getHighCardinalityKeyValues().forEach(kv -> values.add(kv.getValue()));
        }

        assertThat(values).isNotEmpty().allSatisfy(value -> assertThat(value)
                .doesNotContainIgnoringCase("bob")
                .doesNotContainIgnoringCase("tagcheck")
                .doesNotContain(SECRET_PASSCODE)
                .doesNotContain("998877")
                .doesNotContain("203.0.113")
                .doesNotContainIgnoringCase("vault")
                .doesNotContainIgnoringCase("acme")
                .doesNotContainIgnoringCase(CONFIGURATION)
                .doesNotContain("req-"));
        assertThat(values).allMatch(value -> value.matches("[a-z][a-z0-9_-]*"), "only short lower-case words");
    }
}
