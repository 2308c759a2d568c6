package dev.mfa4j.core;

import static dev.mfa4j.core.Fixtures.BOB;
import static dev.mfa4j.core.Fixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.event.MfaEvent;
import dev.mfa4j.api.event.VerificationEvent;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.api.spi.VerificationOutcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The common FailMode option: closed by default; open lets through only an unreachable provider, visibly. */
class FailModeTest {

    private final ScriptedProvider provider = new ScriptedProvider();
    private final List<MfaEvent> events = new CopyOnWriteArrayList<>();
    private MfaService mfa;

    @BeforeEach
    void configure() {
        mfa = MfaService.builder(ManagementAuthorizer.allowAll()).discoverProviders(false).provider(provider)
                .eventListener(events::add).build();
        mfa.configurations().json().create("""
                {"Type": "scripted", "Name": "Open", "Options": {"Endpoint": "https://mfa.example.com", "Token": "%s", "FailMode": "open"}}
                """.formatted(TOKEN));
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Open").providerUserId("bob"));
    }

    private void providerAnswers(VerificationOutcome outcome) {
        provider.behaviour = request -> CompletableFuture.completedFuture(outcome);
    }

    @Test
    void anUnreachableProviderIsABypassNeverAPlainApprovalAndItIsLoggedAndAudited() {
        providerAnswers(VerificationOutcome.unavailable("connection refused", null));

        try (LogCapture logs = new LogCapture()) {
            VerificationResult result = mfa.verify(BOB, "123456");

            assertThat(result.reason()).isEqualTo(Reason.FAIL_OPEN_BYPASS).isNotEqualTo(Reason.APPROVED);
            assertThat(result.allowed()).isTrue();
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN MFA-CORE-017") && line.contains("UNVERIFIED"));
        }
        assertThat(events).filteredOn(VerificationEvent.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((VerificationEvent) e).reason()).contains(Reason.FAIL_OPEN_BYPASS));
    }

    @Test
    void aProviderThatNeverAnswersCountsAsUnreachable() {
        MfaService impatient = MfaService.builder(ManagementAuthorizer.allowAll()).store(storeOf(mfa))
                .discoverProviders(false).provider(provider).maxVerificationTime(java.time.Duration.ofSeconds(1)).build();
        provider.behaviour = request -> new CompletableFuture<>();

        assertThat(impatient.verify(BOB, "123456").reason()).isEqualTo(Reason.FAIL_OPEN_BYPASS);
    }

    @ParameterizedTest
    @EnumSource(value = Reason.class, names = {"INVALID_PASSCODE", "DENIED", "FRAUD_REPORTED", "TIMED_OUT", "LOCKED_OUT",
            "ENROLLMENT_REQUIRED", "PUSH_FAILED", "NO_CAPABLE_DEVICE", "PASSCODES_SENT"})
    void aRefusalIsNeverBypassed(Reason reason) {
        providerAnswers(VerificationOutcome.rejected(reason, "no"));

        assertThat(mfa.verify(BOB, "123456").reason()).isEqualTo(reason);
    }

    @Test
    void badKeysTlsOrSignatureFailuresAreNeverBypassed() {
        providerAnswers(VerificationOutcome.error("invalid signature (40103)", null));
        assertThat(mfa.verify(BOB, "123456").reason()).isEqualTo(Reason.PROVIDER_ERROR);

        provider.behaviour = request -> {
            throw new IllegalStateException("bug");
        };
        assertThat(mfa.verify(BOB, "123457").reason()).isEqualTo(Reason.PROVIDER_ERROR);
    }

    @Test
    void lockoutAndReplayAreNeverBypassed() {
        mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE);
        providerAnswers(VerificationOutcome.unavailable("down", null));
        assertThat(mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).as("replay").isEqualTo(Reason.INVALID_PASSCODE);

        providerAnswers(VerificationOutcome.rejected(Reason.INVALID_PASSCODE, "wrong"));
        for (int i = 0; i < 5; i++) {
            mfa.verify(BOB, String.format("%06d", i));
        }
        providerAnswers(VerificationOutcome.unavailable("down", null));
        assertThat(mfa.verify(BOB, "654321").reason()).isEqualTo(Reason.TOO_MANY_ATTEMPTS);
    }

    @Test
    void closedIsTheDefault() {
        mfa.configurations().json().update("Open", "{\"Options\": {\"Endpoint\": \"https://mfa.example.com\"}}");
        providerAnswers(VerificationOutcome.unavailable("down", null));

        assertThat(mfa.verify(BOB, "123456").reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE);
    }

    @Test
    void theOptionIsCheckedAndNeverReachesTheProvider() {
        assertThatThrownBy(() -> mfa.configurations().json().update("Open", "{\"Options\": {\"Endpoint\": \"https://mfa.example.com\", "
                + "\"failmode\": \"sometimes\"}}"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("Options.FailMode: expected one of: closed, open");

        mfa.verify(BOB, "123456");

        assertThat(mfa.configurations().get("Open").orElseThrow().option("FailMode")).contains("open");
        assertThat(provider.openedConfigurations).extracting(MfaConfiguration::options).allSatisfy(o -> assertThat(o).doesNotContainKey("FailMode"));
    }

    private static dev.mfa4j.api.spi.MfaConfigurationStore storeOf(MfaService service) {
        InMemoryMfaConfigurationStore copy = new InMemoryMfaConfigurationStore();
        for (MfaConfiguration c : service.configurations().list(SecretVisibility.REVEALED)) {
            copy.createConfiguration(c);
        }
        service.principals().list().forEach(copy::putAssignment);
        return copy;
    }
}
