package dev.mfa4j.examples.totp;

import static dev.mfa4j.examples.totp.Codes.ALICE;
import static dev.mfa4j.examples.totp.Codes.ALICE_SECRET;
import static dev.mfa4j.examples.totp.Codes.BOB;
import static dev.mfa4j.examples.totp.Codes.BOB_SECRET;
import static dev.mfa4j.examples.totp.Codes.SECRETS;
import static dev.mfa4j.examples.totp.Codes.START;
import static dev.mfa4j.examples.totp.Codes.code;
import static dev.mfa4j.examples.totp.Codes.request;
import static dev.mfa4j.examples.totp.Codes.wrongCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.spi.HealthStatus;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TotpVerifierTest {

    private final MutableClock clock = new MutableClock(START);
    private final TotpProvider provider = new TotpProvider(clock);
    private final long now = TotpGenerator.stepAt(START);
    private final List<MfaVerifier> opened = new ArrayList<>();

    @AfterEach
    void closeVerifiers() {
        opened.forEach(MfaVerifier::close);
    }

    private MfaVerifier open(String name, Map<String, String> extraOptions) {
        Map<String, String> options = new HashMap<>(extraOptions);
        options.put("Secrets", SECRETS);
        MfaVerifier verifier = provider.open(MfaConfiguration.of(name, "example-totp", options).withRevision(1));
        opened.add(verifier);
        return verifier;
    }

    private MfaVerifier open(Map<String, String> extraOptions) {
        return open("Authenticator", extraOptions);
    }

    private static VerificationOutcome verify(MfaVerifier verifier, VerificationRequest request) {
        CompletableFuture<VerificationOutcome> future = verifier.verify(request);
        assertThat(future).as("answered at once, with nothing to wait for").isCompleted();
        return future.join();
    }

    private static Reason alice(MfaVerifier verifier, String digits) {
        return verify(verifier, request(ALICE, "alice", digits)).reason();
    }

    @Test
    void theCurrentCodeIsApprovedAndAWrongOneIsNot() {
        MfaVerifier verifier = open(Map.of());

        assertThat(alice(verifier, wrongCode(ALICE_SECRET, now))).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(alice(verifier, code(ALICE_SECRET, now))).isEqualTo(Reason.APPROVED);
    }

    @Test
    void anotherUsersCodeIsWrong() {
        MfaVerifier verifier = open(Map.of());

        assertThat(alice(verifier, code(BOB_SECRET, now))).isEqualTo(Reason.INVALID_PASSCODE);
    }

    @ParameterizedTest(name = "offset {0}")
    @ValueSource(ints = {-1, 0, 1})
    void byDefaultOneStepEitherSideIsAccepted(int offset) {
        assertThat(alice(open(Map.of()), code(ALICE_SECRET, now + offset))).isEqualTo(Reason.APPROVED);
    }

    @ParameterizedTest(name = "offset {0}")
    @ValueSource(ints = {-3, -2, 2, 3})
    void byDefaultCodesTwoStepsAwayAreRefused(int offset) {
        assertThat(alice(open(Map.of()), code(ALICE_SECRET, now + offset))).isEqualTo(Reason.INVALID_PASSCODE);
    }

    @Test
    void skewZeroAcceptsTheCurrentStepOnly() {
        assertThat(alice(open(Map.of("Skew", "0")), code(ALICE_SECRET, now - 1))).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(alice(open(Map.of("Skew", "0")), code(ALICE_SECRET, now + 1))).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(alice(open(Map.of("Skew", "0")), code(ALICE_SECRET, now))).isEqualTo(Reason.APPROVED);
    }

    @Test
    void skewThreeAcceptsThreeStepsEitherSide() {
        assertThat(alice(open("a", Map.of("Skew", "3")), code(ALICE_SECRET, now - 3))).isEqualTo(Reason.APPROVED);
        assertThat(alice(open("b", Map.of("Skew", "3")), code(ALICE_SECRET, now + 3))).isEqualTo(Reason.APPROVED);
        assertThat(alice(open("c", Map.of("Skew", "3")), code(ALICE_SECRET, now - 4))).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(alice(open("d", Map.of("Skew", "3")), code(ALICE_SECRET, now + 4))).isEqualTo(Reason.INVALID_PASSCODE);
    }

    @Test
    void theWindowMovesWithTheClock() {
        MfaVerifier verifier = open(Map.of());
        String code = code(ALICE_SECRET, now);

        clock.advance(Duration.ofSeconds(60));   // two steps later: the code is now two steps old

        assertThat(alice(verifier, code)).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(alice(verifier, code(ALICE_SECRET, now + 2))).isEqualTo(Reason.APPROVED);
    }

    @Test
    void aUsedCodeIsRefusedAndALaterStepIsAccepted() {
        MfaVerifier verifier = open(Map.of());
        String first = code(ALICE_SECRET, now);

        assertThat(alice(verifier, first)).isEqualTo(Reason.APPROVED);
        VerificationOutcome replay = verify(verifier, request(ALICE, "alice", first));
        assertThat(replay.reason()).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(replay.message()).contains("replay");

        clock.advance(Duration.ofSeconds(30));
        assertThat(alice(verifier, first)).as("still inside the window, but used").isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(alice(verifier, code(ALICE_SECRET, now + 1))).isEqualTo(Reason.APPROVED);
    }

    @Test
    void afterALaterStepIsAcceptedAnEarlierOneInsideTheWindowIsRefused() {
        MfaVerifier verifier = open(Map.of());

        assertThat(alice(verifier, code(ALICE_SECRET, now + 1))).isEqualTo(Reason.APPROVED);
        assertThat(alice(verifier, code(ALICE_SECRET, now))).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(alice(verifier, code(ALICE_SECRET, now - 1))).isEqualTo(Reason.INVALID_PASSCODE);
    }

    @Test
    void replayIsRefusedAcrossRevisionsOfAConfiguration() {
        MfaConfiguration revision1 = MfaConfiguration.of("Authenticator", "example-totp", Map.of("Secrets", SECRETS)).withRevision(1);
        String code = code(ALICE_SECRET, now);
        try (MfaVerifier first = provider.open(revision1)) {
            assertThat(alice(first, code)).isEqualTo(Reason.APPROVED);
        }
        // Enrolling a third user is an update: a new revision, a new verifier.
        MfaConfiguration revision2 = MfaConfiguration.of("Authenticator", "totp",
                Map.of("Secrets", SECRETS + ", carol=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U")).withRevision(2);
        try (MfaVerifier second = provider.open(revision2)) {
            assertThat(alice(second, code)).isEqualTo(Reason.INVALID_PASSCODE);
        }
    }

    @Test
    void replayIsTrackedPerUserAndPerConfiguration() {
        String sharedSecrets = "alice=" + ALICE_SECRET + ", alias=" + ALICE_SECRET;
        MfaVerifier one = provider.open(MfaConfiguration.of("One", "example-totp", Map.of("Secrets", sharedSecrets)));
        MfaVerifier two = provider.open(MfaConfiguration.of("Two", "example-totp", Map.of("Secrets", sharedSecrets)));
        opened.add(one);
        opened.add(two);
        String code = code(ALICE_SECRET, now);

        assertThat(alice(one, code)).isEqualTo(Reason.APPROVED);
        assertThat(verify(one, request(ALICE, "alias", code)).reason()).as("another user, same secret").isEqualTo(Reason.APPROVED);
        assertThat(alice(two, code)).as("another configuration").isEqualTo(Reason.APPROVED);
        assertThat(alice(one, code)).isEqualTo(Reason.INVALID_PASSCODE);
    }

    @Test
    void ofConcurrentUsesOfOneCodeExactlyOneIsApproved() throws Exception {
        MfaVerifier verifier = open(Map.of());
        String code = code(ALICE_SECRET, now);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Reason>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return alice(verifier, code);
                }));
            }
            start.countDown();
            List<Reason> reasons = new ArrayList<>();
            for (Future<Reason> answer : answers) {
                reasons.add(answer.get());
            }

            assertThat(reasons).filteredOn(r -> r == Reason.APPROVED).hasSize(1);
            assertThat(reasons).filteredOn(r -> r == Reason.INVALID_PASSCODE).hasSize(threads - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eightDigitCodesAreTheSameNumberWithTwoMoreDigits() {
        String eight = code(ALICE_SECRET, TotpAlgorithm.SHA1, 8, now);
        String six = code(ALICE_SECRET, TotpAlgorithm.SHA1, 6, now);

        assertThat(eight).hasSize(8).endsWith(six);
        assertThat(alice(open("Six", Map.of()), eight)).as("8 digits where 6 are expected").isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(alice(open("Eight", Map.of("Digits", "8")), six)).as("6 digits where 8 are expected").isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(alice(open("Eight", Map.of("Digits", "8")), eight)).isEqualTo(Reason.APPROVED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA256", "SHA512", "sha256"})
    void otherAlgorithmsNeedTheirOwnCodes(String algorithm) {
        TotpAlgorithm chosen = TotpAlgorithm.fromOption(algorithm);
        MfaVerifier verifier = open(Map.of("Algorithm", algorithm));

        assertThat(code(ALICE_SECRET, chosen, 6, now)).isNotEqualTo(code(ALICE_SECRET, now));
        assertThat(alice(verifier, code(ALICE_SECRET, now))).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(alice(verifier, code(ALICE_SECRET, chosen, 6, now))).isEqualTo(Reason.APPROVED);
    }

    @Test
    void aUserWithoutASecretNeedsToEnroll() {
        VerificationOutcome outcome = verify(open(Map.of()), request(BOB, "carol", code(BOB_SECRET, now)));

        assertThat(outcome.reason()).isEqualTo(Reason.ENROLLMENT_REQUIRED);
        assertThat(outcome.message()).doesNotContain("carol");
    }

    @Test
    void userNamesAreMatchedExactly() {
        assertThat(verify(open(Map.of()), request(ALICE, "Alice", code(ALICE_SECRET, now))).reason()).isEqualTo(Reason.ENROLLMENT_REQUIRED);
    }

    @Test
    void aKeywordIsAProviderErrorNotAnException() {
        VerificationOutcome outcome = verify(open(Map.of()), new VerificationRequest(ALICE, "alice", Credential.PUSH,
                VerificationContext.empty()));

        assertThat(outcome).isInstanceOf(VerificationOutcome.NoVerdict.class);
        assertThat(outcome.reason()).isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(provider.keywords()).isEmpty();
    }

    @Test
    void aClosedVerifierAnswersProviderErrorNeverUnavailable() {
        MfaVerifier verifier = provider.open(MfaConfiguration.of("Authenticator", "example-totp", Map.of("Secrets", SECRETS)));
        verifier.close();

        VerificationOutcome outcome = verify(verifier, request(ALICE, "alice", code(ALICE_SECRET, now)));

        assertThat(outcome.reason()).as("a fail-open configuration lets PROVIDER_UNAVAILABLE through").isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(verifier.health().join().state()).isEqualTo(HealthStatus.State.UNKNOWN);
    }

    @Test
    void healthIsHealthyWithoutReachingAnything() {
        HealthStatus status = open(Map.of("Algorithm", "SHA512")).health().join();

        assertThat(status.state()).isEqualTo(HealthStatus.State.HEALTHY);
        assertThat(status.message()).contains("HmacSHA512").contains("2 users");
    }

    @Test
    void toStringsShowSettingsNeverSecretsOrNames() {
        MfaVerifier verifier = open(Map.of("Digits", "8", "Skew", "2"));
        alice(verifier, code(ALICE_SECRET, TotpAlgorithm.SHA1, 8, now));

        for (String text : List.of(verifier.toString(), provider.toString())) {
            assertThat(text).doesNotContain(ALICE_SECRET).doesNotContain(BOB_SECRET).doesNotContain("alice").doesNotContain("bob");
        }
        assertThat(verifier.toString()).contains("digits=8", "skew=2", "users=2");
    }
}
