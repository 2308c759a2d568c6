package dev.mfa4j.totp.internal;

import static dev.mfa4j.totp.internal.Fixtures.BOB;
import static dev.mfa4j.totp.internal.Fixtures.NOW;
import static dev.mfa4j.totp.internal.Fixtures.SECRET;
import static dev.mfa4j.totp.internal.Fixtures.active;
import static dev.mfa4j.totp.internal.Fixtures.code;
import static dev.mfa4j.totp.internal.Fixtures.configuration;
import static dev.mfa4j.totp.internal.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.spi.EnrollmentData;
import dev.mfa4j.api.spi.HealthStatus;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import dev.mfa4j.totp.MutableClock;
import dev.mfa4j.totp.ReferenceTotp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every answer of the verifier, on a test clock. */
class TotpVerifierTest {

    private final MutableClock clock = new MutableClock(NOW);
    private final TotpVerifier verifier = TotpVerifier.open(configuration(), clock);

    private VerificationOutcome verify(String passcode, EnrollmentData enrollment) {
        return verifier.verify(request(passcode, Optional.of(enrollment))).join();
    }

    @Test
    void theCurrentCodeIsApproved() {
        VerificationOutcome outcome = verify(code(SECRET, NOW), active(SECRET));

        assertThat(outcome).isInstanceOf(VerificationOutcome.Approved.class);
        assertThat(outcome.reason()).isEqualTo(Reason.APPROVED);
        assertThat(outcome.message()).isEqualTo("passcode accepted (time step offset 0)");
    }

    @Test
    void theSameCodeIsApprovedAgainByTheProviderItself() {
        // Replay is mfa-core's, through the shared AttemptStore: the provider keeps no memory of codes.
        assertThat(verify(code(SECRET, NOW), active(SECRET)).reason()).isEqualTo(Reason.APPROVED);
        assertThat(verify(code(SECRET, NOW), active(SECRET)).reason()).isEqualTo(Reason.APPROVED);
    }

    @Test
    void codesOfTheStepsWithinTheWindowAreApprovedAndNoOthers() {
        for (int offset = -3; offset <= 3; offset++) {
            String typed = code(SECRET, NOW.plusSeconds(30L * offset));
            Reason expected = Math.abs(offset) <= 1 ? Reason.APPROVED : Reason.INVALID_PASSCODE;

            assertThat(verify(typed, active(SECRET)).reason()).as("offset %d", offset).isEqualTo(expected);
        }
        TotpVerifier wide = TotpVerifier.open(configuration("Window", "3"), clock);
        TotpVerifier narrow = TotpVerifier.open(configuration("Window", "0"), clock);
        String threeBack = code(SECRET, NOW.minusSeconds(90));
        String oneBack = code(SECRET, NOW.minusSeconds(30));
        assertThat(wide.verify(request(threeBack, Optional.of(active(SECRET)))).join().reason()).isEqualTo(Reason.APPROVED);
        assertThat(narrow.verify(request(oneBack, Optional.of(active(SECRET)))).join().reason()).isEqualTo(Reason.INVALID_PASSCODE);
    }

    @Test
    void aWrongCodeOrOneOfTheWrongLengthIsAnInvalidPasscode() {
        String right = code(SECRET, NOW);
        String wrong = String.format("%06d", (Integer.parseInt(right) + 1) % 1_000_000);

        VerificationOutcome outcome = verify(wrong, active(SECRET));
        VerificationOutcome eight = verify(right + "00", active(SECRET));

        assertThat(outcome).isInstanceOf(VerificationOutcome.Rejected.class);
        assertThat(outcome.reason()).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(outcome.message()).isEqualTo("incorrect passcode");
        assertThat(eight.reason()).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(eight.message()).contains("6 digits");
    }

    @Test
    void theCodeThatConfirmedTheEnrollmentAndOlderOnesAreRefused() {
        long confirmedStep = NOW.getEpochSecond() / 30;
        EnrollmentData confirmedNow = active(SECRET, "SHA1", 6, 30, confirmedStep);

        assertThat(verify(code(SECRET, NOW), confirmedNow).reason()).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(verify(code(SECRET, NOW.minusSeconds(30)), confirmedNow).reason()).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(verify(code(SECRET, NOW.plusSeconds(30)), confirmedNow).reason()).as("the next step's code").isEqualTo(Reason.APPROVED);
        clock.advance(java.time.Duration.ofSeconds(30));
        assertThat(verify(code(SECRET, clock.instant()), confirmedNow).reason()).isEqualTo(Reason.APPROVED);
    }

    @Test
    void theEnrollmentsParametersWinOverTheConfigurations() {
        // Enrolled with SHA256, 8 digits, 60 s; the configuration says SHA1, 6, 30 for new enrollments.
        String sha256Secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA";   // 32 bytes
        String typed = ReferenceTotp.code(sha256Secret, "HmacSHA256", 8, 60, NOW);

        assertThat(verify(typed, active(sha256Secret, "SHA256", 8, 60, null)).reason()).isEqualTo(Reason.APPROVED);
        assertThat(verify(typed.substring(2), active(sha256Secret, "SHA256", 8, 60, null)).reason())
                .isEqualTo(Reason.INVALID_PASSCODE);
    }

    @Test
    void noEnrollmentIsEnrollmentRequired() {
        VerificationOutcome outcome = verifier.verify(request(code(SECRET, NOW), Optional.empty())).join();
        VerificationOutcome fourArguments = verifier.verify(new VerificationRequest(BOB, "bob", new Credential.Passcode("123456"),
                VerificationContext.empty())).join();

        assertThat(outcome).isInstanceOf(VerificationOutcome.Rejected.class);
        assertThat(outcome.reason()).isEqualTo(Reason.ENROLLMENT_REQUIRED);
        assertThat(fourArguments.reason()).isEqualTo(Reason.ENROLLMENT_REQUIRED);
    }

    @Test
    void unreadableEnrollmentDataIsAProviderErrorThatQuotesNothing() {
        EnrollmentData notBase32 = active("THIS-IS-NOT-BASE32-AT-ALL!!");
        EnrollmentData tooShort = active("JBSWY3DPEHPK3PXP");   // 80 bits
        EnrollmentData badDigits = active(SECRET, "SHA1", 7, 30, null);
        EnrollmentData noSecret = EnrollmentData.of(java.util.Map.of("algorithm", "SHA1"));

        for (EnrollmentData data : java.util.List.of(notBase32, tooShort, badDigits, noSecret)) {
            VerificationOutcome outcome = verify("123456", data);
            assertThat(outcome).as(data.toString()).isInstanceOf(VerificationOutcome.NoVerdict.class);
            assertThat(outcome.reason()).isEqualTo(Reason.PROVIDER_ERROR);
            assertThat(outcome.message()).contains("enroll again").doesNotContain("THIS-IS").doesNotContain("JBSWY3DP");
        }
    }

    @Test
    void aKeywordIsAProviderErrorAndARecoveryCodeAWrongPasscode() {
        VerificationOutcome keyword = verifier.verify(new VerificationRequest(BOB, "bob", Credential.PUSH, VerificationContext.empty(),
                Optional.of(active(SECRET)))).join();
        VerificationOutcome recovery = verifier.verify(new VerificationRequest(BOB, "bob",
                new Credential.RecoveryCode("0123456789ABCDEF"), VerificationContext.empty(), Optional.of(active(SECRET)))).join();

        assertThat(keyword.reason()).isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(recovery.reason()).isEqualTo(Reason.INVALID_PASSCODE);
    }

    @Test
    void aClosedVerifierAnswersAProviderErrorNeverUnavailable() {
        verifier.close();

        VerificationOutcome outcome = verify(code(SECRET, NOW), active(SECRET));

        assertThat(outcome.reason()).isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(verifier.health().join().state()).isEqualTo(HealthStatus.State.UNKNOWN);
    }

    @Test
    void healthIsHealthyWithNothingToReach() {
        HealthStatus status = verifier.health().join();

        assertThat(status.state()).isEqualTo(HealthStatus.State.HEALTHY);
        assertThat(status.message()).contains("HmacSHA1");
    }

    @Test
    void beforeTheEpochAndFarAheadTheStepArithmeticHolds() {
        clock.set(Instant.ofEpochSecond(20_000_000_000L));
        assertThat(verify(code(SECRET, clock.instant()), active(SECRET)).reason()).isEqualTo(Reason.APPROVED);
        clock.set(Instant.ofEpochSecond(-1));
        assertThat(verify(code(SECRET, clock.instant()), active(SECRET)).reason()).isEqualTo(Reason.APPROVED);
    }

    @Test
    void aCodeIsSaidToLiveForItsWindowOfTheLongestSteps() {
        // Window 1 at a 30 s period accepts a code for 90 s; a principal may have enrolled with a
        // 60 s period, whose codes live 180 s: mfa-core holds a used code that long.
        assertThat(verifier.passcodeLifetime()).contains(Duration.ofSeconds(180));
        assertThat(TotpVerifier.open(configuration("Window", "3"), clock).passcodeLifetime()).contains(Duration.ofMinutes(7));
        assertThat(TotpVerifier.open(configuration("Window", "0"), clock).passcodeLifetime()).contains(Duration.ofSeconds(60));
    }

    @Test
    void toStringNamesTheConfigurationNotTheUserOrSecret() {
        assertThat(verifier.toString()).contains("Authenticator").doesNotContain("bob").doesNotContain(SECRET);
    }
}
