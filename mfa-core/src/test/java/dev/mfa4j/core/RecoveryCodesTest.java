package dev.mfa4j.core;

import static dev.mfa4j.core.Fixtures.BOB;
import static dev.mfa4j.core.Fixtures.CONFIG_JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.InvalidInputException;
import dev.mfa4j.api.ManagementAccessDeniedException;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.RecoveryCodeStatus;
import dev.mfa4j.api.RecoveryCodes;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.event.EnrollmentEvent;
import dev.mfa4j.api.event.MfaEvent;
import dev.mfa4j.api.event.VerificationEvent;
import dev.mfa4j.api.spi.VerificationOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery codes for the lost phone: generated once, each works once, counted, audited, never shown again. */
class RecoveryCodesTest {

    private final ScriptedProvider provider = new ScriptedProvider();
    private final List<MfaEvent> events = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private MfaService mfa;

    @TempDir
    Path directory;

    @BeforeEach
    void assignBob() {
        // Three codes a set but the first test's: each costs an Argon2id hash, tens of milliseconds by design.
        mfa = MfaService.builder((caller, path, operation) -> !caller.equals(Caller.of("mallory"))).discoverProviders(false)
                .provider(provider).clock(clock).eventListener(events::add).recoveryCodePolicy(RecoveryCodePolicy.defaults().withCount(3))
                .build();
        mfa.configurations().json().create(CONFIG_JSON);
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));
        // The provider is down: recovery codes do not need it.
        provider.behaveAs(request -> CompletableFuture.completedFuture(VerificationOutcome.unavailable("down", null)));
    }

    @Test
    void aSetOfTenIsShownOnceAndEachCodeLogsInOnceWhateverTheProviderSays() {
        mfa = MfaService.builder((caller, path, operation) -> true).store(storeOf(mfa)).discoverProviders(false).provider(provider)
                .clock(clock).build();
        RecoveryCodes codes = mfa.recoveryCodes().generate(BOB);

        assertThat(codes.codes()).hasSize(10).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}").matches(".*[A-Z].*"));
        assertThat(codes).hasToString("RecoveryCodes[10 codes]");
        assertThat(mfa.recoveryCodes().status(BOB)).isEqualTo(new RecoveryCodeStatus(BOB, 10,
                java.util.Optional.of(Instant.parse("2026-12-02T10:00:00Z"))));

        String first = codes.codes().get(0);
        VerificationResult used = mfa.verify(BOB, first.toLowerCase(Locale.ROOT).replace("-", " "));
        assertThat(used.reason()).isEqualTo(Reason.APPROVED);
        assertThat(mfa.verify(BOB, first).reason()).as("a code works once").isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(mfa.recoveryCodes().status(BOB).remaining()).isEqualTo(9);
        assertThat(provider.requests).as("no provider call").isEmpty();
    }

    private static InMemoryMfaConfigurationStore storeOf(MfaService service) {
        InMemoryMfaConfigurationStore copy = new InMemoryMfaConfigurationStore();
        service.configurations().list(SecretVisibility.REVEALED).forEach(c -> copy.createConfiguration(c));
        service.principals().list().forEach(copy::putAssignment);
        return copy;
    }

    @Test
    void wrongCodesCountTowardTheLockoutLikeAnyPasscode() {
        RecoveryCodes codes = mfa.recoveryCodes().generate(BOB);
        for (String wrong : List.of("AAAA-BBBB-CCCC-DDDD", "ZZZZ-ZZZZ-ZZZZ-ZZZ1", oneCharacterOff(codes.codes().get(0)),
                "0000-0000-0000-000A", "1111-2222-3333-444X")) {
            assertThat(mfa.verify(BOB, wrong).reason()).isEqualTo(Reason.INVALID_PASSCODE);
        }

        assertThat(mfa.verify(BOB, codes.codes().get(1)).reason()).isEqualTo(Reason.TOO_MANY_ATTEMPTS);
        assertThat(mfa.recoveryCodes().status(BOB).remaining()).as("nothing used while locked out").isEqualTo(3);
    }

    private static String oneCharacterOff(String code) {
        char last = code.charAt(code.length() - 1);
        return code.substring(0, code.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    @Test
    void aNewSetMakesTheOldOneWorthless() {
        RecoveryCodes old = mfa.recoveryCodes().generate(BOB);
        RecoveryCodes fresh = mfa.recoveryCodes().generate(BOB);

        assertThat(mfa.verify(BOB, old.codes().get(2)).reason()).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(mfa.verify(BOB, fresh.codes().get(2)).reason()).isEqualTo(Reason.APPROVED);
    }

    @Test
    void aCodeTypedOnTwoNodesAtOnceLogsInOnce() throws Exception {
        Path enrollments = directory.resolve("store.json.enrollments");
        InMemoryMfaConfigurationStore shared = new InMemoryMfaConfigurationStore();
        InMemoryAttemptStore attempts = new InMemoryAttemptStore();
        List<MfaService> nodes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            nodes.add(MfaService.builder((caller, path, operation) -> true).store(shared).attemptStore(attempts).discoverProviders(false)
                    .provider(provider).enrollmentStore(FileEnrollmentStore.open(enrollments))
                    .recoveryCodePolicy(RecoveryCodePolicy.defaults().withCount(2)).build());
        }
        nodes.get(0).configurations().json().create(CONFIG_JSON);
        nodes.get(0).principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));
        String code = nodes.get(0).recoveryCodes().generate(BOB).codes().get(0);

        List<CompletableFuture<VerificationResult>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(nodes.get(i % 2).verifyAsync(BOB, code));
        }

        assertThat(results.stream().map(r -> r.join().reason()).filter(r -> r == Reason.APPROVED)).hasSize(1);
        assertThat(nodes.get(1).recoveryCodes().status(BOB).remaining()).isEqualTo(1);
    }

    @Test
    void itsUseIsAuditedAsARecoveryCodeNeverSayingWhichAndNoCodeIsWrittenAnywhere() throws Exception {
        Path file = directory.resolve("store.json.enrollments");
        MfaService filed = MfaService.builder((caller, path, operation) -> true).discoverProviders(false).provider(provider)
                .enrollmentStore(FileEnrollmentStore.open(file)).eventListener(events::add)
                .recoveryCodePolicy(RecoveryCodePolicy.defaults().withCount(3)).build();
        filed.configurations().json().create(CONFIG_JSON);
        filed.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));
        events.clear();
        RecoveryCodes codes = filed.recoveryCodes().generate(BOB);

        try (LogCapture logs = new LogCapture()) {
            assertThat(filed.verify(BOB, codes.codes().get(2)).allowed()).isTrue();
            filed.verify(BOB, codes.codes().get(2));
            for (String code : codes.codes()) {
                String bare = code.replace("-", "");
                assertThat(logs.lines()).noneMatch(line -> line.contains(bare) || line.contains(code));
                assertThat(events).extracting(Object::toString).noneMatch(e -> e.contains(bare) || e.contains(code));
                assertThat(Files.readString(file)).doesNotContain(bare).doesNotContain(bare.substring(4));
            }
        }
        assertThat(events).filteredOn(EnrollmentEvent.class::isInstance).extracting(e -> ((EnrollmentEvent) e).action())
                .containsExactly(EnrollmentEvent.Action.RECOVERY_CODES_GENERATED);
        assertThat(events).filteredOn(VerificationEvent.class::isInstance).extracting(e -> (VerificationEvent) e)
                .extracting(VerificationEvent::factor, VerificationEvent::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("recovery-code", java.util.Optional.of(Reason.APPROVED)),
                        org.assertj.core.groups.Tuple.tuple("recovery-code", java.util.Optional.of(Reason.INVALID_PASSCODE)));
    }

    @Test
    void onlyPrincipalsWithMfaGetCodesAndTheAuthorizerIsAskedFirst() {
        PrincipalId alice = PrincipalId.parse("principal/internal/user/alice");
        assertThatThrownBy(() -> mfa.recoveryCodes().generate(alice)).isInstanceOf(InvalidInputException.class);
        assertThat(mfa.verify(alice, "AAAA-BBBB-CCCC-DDDD").reason()).isEqualTo(Reason.NOT_CONFIGURED);
        Caller mallory = Caller.of("mallory");
        assertThatThrownBy(() -> mfa.recoveryCodes(mallory).generate(BOB)).isInstanceOf(ManagementAccessDeniedException.class);
        assertThatThrownBy(() -> mfa.recoveryCodes(mallory).status(BOB)).isInstanceOf(ManagementAccessDeniedException.class);
        assertThatThrownBy(() -> mfa.recoveryCodes(mallory).remove(BOB)).isInstanceOf(ManagementAccessDeniedException.class);
        assertThatThrownBy(() -> mfa.recoveryCodes(mallory).generate(alice)).as("the same for a principal without MFA")
                .isInstanceOf(ManagementAccessDeniedException.class);
    }

    @Test
    void removedCodesStopWorking() {
        RecoveryCodes codes = mfa.recoveryCodes().generate(BOB);

        assertThat(mfa.recoveryCodes().remove(BOB)).isTrue();
        assertThat(mfa.verify(BOB, codes.codes().get(0)).reason()).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(mfa.recoveryCodes().status(BOB).remaining()).isZero();
        assertThat(mfa.recoveryCodes().remove(BOB)).isFalse();
    }
}
