package dev.mfa4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.EnrollmentPrompt;
import dev.mfa4j.api.EnrollmentStatus;
import dev.mfa4j.api.InvalidCredentialException;
import dev.mfa4j.api.InvalidInputException;
import dev.mfa4j.api.ManagementAccessDeniedException;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.event.EnrollmentEvent;
import dev.mfa4j.api.event.MfaEvent;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.api.spi.StoredEnrollment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two-phase enrollment with a provider that enrolls principals itself, through MfaService. */
class EnrollmentTest {

    private static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");

    private final EnrollingProvider provider = new EnrollingProvider();
    private final InMemoryEnrollmentStore store = new InMemoryEnrollmentStore();
    private final List<MfaEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private MfaService mfa;

    @TempDir
    Path directory;

    @BeforeEach
    void assignBob() {
        mfa = MfaService.builder((caller, path, operation) -> {
            asked.add(operation + " " + path);
            return !caller.equals(Caller.of("mallory"));
        }).discoverProviders(false).provider(provider).enrollmentStore(store).eventListener(events::add)
                .clock(clock).build();
        mfa.configurations().json().create(EnrollingProvider.CONFIG_JSON);
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("App").providerUserId("bob@example.com"));
        events.clear();
        asked.clear();
    }

    private static String number(EnrollmentPrompt prompt) {
        return ((EnrollmentPrompt.QrCode) prompt).manualEntry().substring("SECRET-".length());
    }

    @Test
    void aPrincipalNotYetEnrolledIsToldSoWithoutAProviderCallOrACountedAttempt() {
        for (int i = 0; i < 10; i++) {
            assertThat(mfa.verify(BOB, "424242").reason()).isEqualTo(Reason.ENROLLMENT_REQUIRED);
        }
        assertThat(provider.requests).isEmpty();
        assertThat(mfa.enrollments().status(BOB).state()).isEqualTo(EnrollmentStatus.State.NONE);
    }

    @Test
    void beginThenConfirmMakesTheEnrollmentTheOneVerificationsUse() {
        EnrollmentPrompt prompt = mfa.enrollments().begin(BOB);

        assertThat(((EnrollmentPrompt.QrCode) prompt).uri().toString()).startsWith("otpauth://totp/Example:bob@example.com?secret=");
        assertThat(mfa.enrollments().status(BOB).state()).isEqualTo(EnrollmentStatus.State.PENDING);
        assertThat(mfa.verify(BOB, EnrollingProvider.passcodeFor(number(prompt))).reason()).as("pending is not enrolled")
                .isEqualTo(Reason.ENROLLMENT_REQUIRED);

        EnrollmentStatus confirmed = mfa.enrollments().confirm(BOB, number(prompt));

        assertThat(confirmed.state()).isEqualTo(EnrollmentStatus.State.ACTIVE);
        assertThat(confirmed.since()).contains(Instant.parse("2026-12-02T10:00:00Z"));
        assertThat(mfa.verify(BOB, EnrollingProvider.passcodeFor(number(prompt))).reason()).isEqualTo(Reason.APPROVED);
        assertThat(provider.requests).singleElement().satisfies(r -> assertThat(r.enrollment()).isPresent());
        assertThat(events).filteredOn(EnrollmentEvent.class::isInstance).extracting(e -> ((EnrollmentEvent) e).action()).containsExactly(EnrollmentEvent.Action.STARTED,
                EnrollmentEvent.Action.CONFIRMED);
        assertThat(asked).contains("update mfa/principals/principal/internal/user/bob/enrollment");
    }

    @Test
    void aWrongProofIsRefusedWithoutEchoAndThePendingEnrollmentStays() {
        EnrollmentPrompt prompt = mfa.enrollments().begin(BOB);

        assertThatThrownBy(() -> mfa.enrollments().confirm(BOB, "999999")).isInstanceOf(InvalidCredentialException.class)
                .hasMessageNotContaining("999999");
        assertThat(mfa.enrollments().status(BOB).state()).isEqualTo(EnrollmentStatus.State.PENDING);
        assertThat(mfa.enrollments().confirm(BOB, number(prompt)).state()).isEqualTo(EnrollmentStatus.State.ACTIVE);
    }

    @Test
    void anEnrollmentNotConfirmedWithinItsLifetimeMustBeBegunAgain() {
        EnrollmentPrompt stale = mfa.enrollments().begin(BOB);
        clock.advance(MfaEnrollments.PENDING_LIFETIME.minusSeconds(1));
        assertThat(mfa.enrollments().status(BOB).state()).isEqualTo(EnrollmentStatus.State.PENDING);
        clock.advance(Duration.ofSeconds(1));
        assertThat(mfa.enrollments().status(BOB).state()).isEqualTo(EnrollmentStatus.State.NONE);
        events.clear();

        assertThatThrownBy(() -> mfa.enrollments().confirm(BOB, number(stale))).isInstanceOf(InvalidInputException.class)
                .isNotInstanceOf(InvalidCredentialException.class).hasMessageContaining("not confirmed within 60 minutes; begin again")
                .hasMessageNotContaining(number(stale));
        assertThat(store.find(BOB, "pending/App")).as("the stale secret is removed").isEmpty();
        assertThat(events).filteredOn(EnrollmentEvent.class::isInstance).extracting(e -> ((EnrollmentEvent) e).action())
                .containsExactly(EnrollmentEvent.Action.REMOVED);
        EnrollmentPrompt fresh = mfa.enrollments().begin(BOB);
        assertThat(mfa.enrollments().confirm(BOB, number(fresh)).state()).isEqualTo(EnrollmentStatus.State.ACTIVE);
    }

    @Test
    void reEnrollingKeepsTheActiveEnrollmentUntilTheNewOneIsConfirmed() {
        EnrollmentPrompt first = mfa.enrollments().begin(BOB);
        mfa.enrollments().confirm(BOB, number(first));
        EnrollmentPrompt second = mfa.enrollments().begin(BOB);

        assertThat(mfa.verify(BOB, EnrollingProvider.passcodeFor(number(first))).reason()).isEqualTo(Reason.APPROVED);
        mfa.enrollments().confirm(BOB, number(second));
        assertThat(mfa.verify(BOB, EnrollingProvider.passcodeFor(number(first))).reason()).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(mfa.verify(BOB, EnrollingProvider.passcodeFor(number(second))).reason()).isEqualTo(Reason.APPROVED);
    }

    @Test
    void removalEndsTheEnrollmentAndRemovingTheAssignmentLeavesNothingBehind() {
        mfa.enrollments().confirm(BOB, number(mfa.enrollments().begin(BOB)));

        assertThat(mfa.enrollments().remove(BOB)).isTrue();
        assertThat(mfa.verify(BOB, "4242101").reason()).isEqualTo(Reason.ENROLLMENT_REQUIRED);
        mfa.enrollments().confirm(BOB, number(mfa.enrollments().begin(BOB)));
        mfa.recoveryCodes().generate(BOB);
        assertThat(store.list(BOB)).hasSize(2);
        mfa.principals().remove(BOB);
        assertThat(store.list(BOB)).isEmpty();
    }

    @Test
    void everyCallAsksTheAuthorizerFirst() {
        Caller mallory = Caller.of("mallory");
        assertThatThrownBy(() -> mfa.enrollments(mallory).begin(BOB)).isInstanceOf(ManagementAccessDeniedException.class);
        assertThatThrownBy(() -> mfa.enrollments(mallory).confirm(BOB, "1")).isInstanceOf(ManagementAccessDeniedException.class);
        assertThatThrownBy(() -> mfa.enrollments(mallory).status(BOB)).isInstanceOf(ManagementAccessDeniedException.class);
        assertThatThrownBy(() -> mfa.enrollments(mallory).remove(BOB)).isInstanceOf(ManagementAccessDeniedException.class);
        PrincipalId nobody = PrincipalId.parse("principal/internal/user/nobody");
        assertThatThrownBy(() -> mfa.enrollments(mallory).begin(nobody)).as("the same for a principal without MFA")
                .isInstanceOf(ManagementAccessDeniedException.class);
        assertThat(store.list(BOB)).isEmpty();
    }

    @Test
    void principalsWithoutMfaOrWithAProviderThatDoesNotEnrollAreClearErrors() {
        PrincipalId alice = PrincipalId.parse("principal/internal/user/alice");
        assertThatThrownBy(() -> mfa.enrollments().begin(alice)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no MFA assignment");
        MfaService withScripted = MfaService.builder(ManagementAuthorizer.allowAll()).discoverProviders(false)
                .provider(new ScriptedProvider()).build();
        withScripted.configurations().json().create(Fixtures.CONFIG_JSON);
        withScripted.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));
        assertThatThrownBy(() -> withScripted.enrollments().begin(BOB)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("does not enroll principals through mfa4j");
        assertThatThrownBy(() -> withScripted.enrollments().status(BOB)).as("not 'none', as if enrolling were possible")
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not enroll principals through mfa4j");
    }

    @Test
    void secretsAreSealedAtRestWhenTheServiceHasKeys() throws Exception {
        Path file = directory.resolve("store.json.enrollments");
        MfaService sealing = MfaService.builder(ManagementAuthorizer.allowAll()).discoverProviders(false).provider(provider)
                .enrollmentStore(FileEnrollmentStore.open(file))
                .sealing(SealingKeys.current("k1", new byte[32])).build();
        sealing.configurations().json().create(EnrollingProvider.CONFIG_JSON);
        sealing.principals().assign(MfaAssignment.of(BOB).configuration("App").providerUserId("bob"));

        EnrollmentPrompt prompt = sealing.enrollments().begin(BOB);
        sealing.enrollments().confirm(BOB, number(prompt));

        String onDisk = Files.readString(file);
        assertThat(onDisk).doesNotContain("SECRET-").contains("mfa4j-sealed:v1:k1:");
        StoredEnrollment stored = FileEnrollmentStore.open(file).find(BOB, "provider/App").orElseThrow();
        assertThat(stored.data().secrets()).containsExactly("Secret");
        assertThat(sealing.verify(BOB, EnrollingProvider.passcodeFor(number(prompt))).reason()).isEqualTo(Reason.APPROVED);
    }
}
