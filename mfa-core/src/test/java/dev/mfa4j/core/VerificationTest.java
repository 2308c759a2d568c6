package dev.mfa4j.core;

import static dev.mfa4j.core.Fixtures.BOB;
import static dev.mfa4j.core.Fixtures.CONFIG_JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.InvalidCredentialException;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.VerificationProgress;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.api.spi.VerificationOutcome;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VerificationTest {

    private final ScriptedProvider provider = new ScriptedProvider();
    private final InMemoryMfaConfigurationStore store = new InMemoryMfaConfigurationStore();
    private final MfaService mfa = Fixtures.service(provider, store);

    @BeforeEach
    void assignBob() {
        mfa.configurations().json().create(CONFIG_JSON);
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob-at-provider"));
    }

    @Test
    void approvesARightPasscodeAndRejectsAWrongOne() {
        assertThat(mfa.verify(BOB, "123456")).isEqualTo(VerificationResult.of(Reason.APPROVED, "passcode accepted"));
        VerificationResult wrong = mfa.verify(BOB, "654321");
        assertThat(wrong.allowed()).isFalse();
        assertThat(wrong.reason()).isEqualTo(Reason.INVALID_PASSCODE);
    }

    @Test
    void aPrincipalWithoutAssignmentFailsClosedWithoutCallingTheProvider() {
        PrincipalId alice = PrincipalId.parse("principal/internal/user/alice");

        assertThat(mfa.requiresMfa(alice)).isFalse();
        assertThat(mfa.verify(alice, "123456").reason()).isEqualTo(Reason.NOT_CONFIGURED);
        assertThat(provider.requests).isEmpty();
    }

    @Test
    void malformedInputIsRefusedBeforeAnyLookupOrProviderCall() {
        PrincipalId unassigned = PrincipalId.parse("principal/internal/user/alice");

        assertThatThrownBy(() -> mfa.verify(BOB, "12 a4")).isInstanceOf(InvalidCredentialException.class);
        assertThatThrownBy(() -> mfa.verify(unassigned, "sms")).isInstanceOf(InvalidCredentialException.class)
                .as("the same refusal for principals with and without MFA").hasMessageContaining("one of: push");
        assertThat(provider.requests).isEmpty();
    }

    @Test
    void enrollmentUrlsPassThrough() {
        provider.behaviour = request -> CompletableFuture.completedFuture(new VerificationOutcome.Rejected(Reason.ENROLLMENT_REQUIRED,
                "enroll first", Optional.of(URI.create("https://api-x.duosecurity.com/portal?abc"))));

        VerificationResult result = mfa.verify(BOB, "push");

        assertThat(result.reason()).isEqualTo(Reason.ENROLLMENT_REQUIRED);
        assertThat(result.enrollmentUrl()).contains(URI.create("https://api-x.duosecurity.com/portal?abc"));
    }

    @Test
    void aProviderThatThrowsIsAProviderErrorNeverAnApproval() {
        provider.behaviour = request -> {
            throw new IllegalStateException("bug in plugin");
        };
        try (LogCapture logs = new LogCapture()) {
            assertThat(mfa.verify(BOB, "123456").reason()).isEqualTo(Reason.PROVIDER_ERROR);
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN MFA-CORE-014") && line.contains("IllegalStateException"));
        }
        provider.behaviour = request -> CompletableFuture.failedFuture(new RuntimeException("async bug"));
        assertThat(mfa.verify(BOB, "123456").reason()).isEqualTo(Reason.PROVIDER_ERROR);
        provider.behaviour = request -> null;
        assertThat(mfa.verify(BOB, "123456").reason()).isEqualTo(Reason.PROVIDER_ERROR);
    }

    @Test
    void aPasscodeCheckThatNeverAnswersEndsAsUnavailableAfterTheSafetyNet() {
        TestTicker ticker = new TestTicker();
        MfaService impatient = MfaService.builder(ManagementAuthorizer.allowAll()).store(store).ticker(ticker)
                .discoverProviders(false).provider(provider).maxVerificationTime(Duration.ofSeconds(1)).build();
        provider.behaviour = request -> new CompletableFuture<>();

        CompletableFuture<VerificationResult> pending = impatient.verifyAsync(BOB, "123456");
        assertThat(pending).isNotDone();
        ticker.advance(Duration.ofSeconds(1));

        // The deadline has passed on the ticker; the shared sweeper ends it at its next tick.
        VerificationResult result = pending.orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(result.reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        assertThat(result.message()).contains("no answer within 1s");
    }

    @Test
    void aPushThatOutlivesItsTimeToLiveEndsTimedOutAndALateApprovalDoesNotCount() {
        TestTicker ticker = new TestTicker();
        MfaService impatient = MfaService.builder(ManagementAuthorizer.allowAll()).store(store).ticker(ticker)
                .discoverProviders(false).provider(provider)
                .attemptPolicy(dev.mfa4j.core.AttemptPolicy.builder().pushTtl(Duration.ofSeconds(30)).build()).build();
        CompletableFuture<VerificationOutcome> late = new CompletableFuture<>();
        provider.behaviour = request -> late;

        CompletableFuture<VerificationResult> pending = impatient.verifyAsync(BOB, "push");
        ticker.advance(Duration.ofSeconds(30));
        VerificationResult result = pending.orTimeout(30, TimeUnit.SECONDS).join();
        late.complete(VerificationOutcome.approved("approved too late"));

        assertThat(result.reason()).isEqualTo(Reason.TIMED_OUT);
        assertThat(result.message()).isEqualTo("the push was not answered within 30s");
    }

    @Test
    void aStoreFailureFailsClosed() {
        MfaService broken = MfaService.builder(ManagementAuthorizer.allowAll()).discoverProviders(false).provider(provider)
                .store(new DelegatingStore(new InMemoryMfaConfigurationStore()) {
                    @Override
                    public Optional<MfaAssignment> findAssignment(PrincipalId principal) {
                        throw new IllegalStateException("connection refused to db.internal:5432 password=hunter2");
                    }
                }).build();

        try (LogCapture logs = new LogCapture()) {
            assertThat(broken.verify(BOB, "123456").reason()).isEqualTo(Reason.STORE_UNAVAILABLE);
            assertThat(broken.requiresMfa(BOB)).as("prompt, then fail closed").isTrue();
            assertThat(logs.lines()).anyMatch(line -> line.contains("MFA-CORE-012")).noneMatch(line -> line.contains("hunter2"));
        }
        assertThat(provider.requests).isEmpty();
    }

    @Test
    void aStoreFailureWithCausesFailsClosedAndKeepsTheCausesWithoutTheirMessages() {
        MfaService broken = MfaService.builder(ManagementAuthorizer.allowAll()).discoverProviders(false).provider(provider)
                .store(new DelegatingStore(new InMemoryMfaConfigurationStore()) {
                    @Override
                    public Optional<MfaAssignment> findAssignment(PrincipalId principal) {
                        throw new IllegalStateException("query failed: row (secret-1)",
                                new java.io.IOException("socket closed after (secret-2)", new RuntimeException("secret-3")));
                    }
                }).build();

        assertThat(broken.verify(BOB, "123456").reason()).isEqualTo(Reason.STORE_UNAVAILABLE);
        assertThatThrownBy(() -> broken.principals().get(BOB))
                .isInstanceOf(dev.mfa4j.api.StoreException.class)
                .satisfies(e -> {
                    java.io.StringWriter trace = new java.io.StringWriter();
                    e.printStackTrace(new java.io.PrintWriter(trace));
                    assertThat(trace.toString()).contains("java.io.IOException (message withheld", "java.lang.RuntimeException (message withheld")
                            .doesNotContain("secret-1").doesNotContain("secret-2").doesNotContain("secret-3");
                });
    }

    @Test
    void anAssignmentToAMissingConfigurationFailsClosed() {
        DelegatingStore dangling = new DelegatingStore(new InMemoryMfaConfigurationStore()) {
            @Override
            public Optional<MfaAssignment> findAssignment(PrincipalId principal) {
                return Optional.of(new MfaAssignment(principal, "Gone", "bob"));
            }
        };
        MfaService service = Fixtures.service(provider, dangling);

        VerificationResult result = service.verify(BOB, "123456");

        assertThat(result.reason()).isEqualTo(Reason.CONFIGURATION_ERROR);
        assertThat(result.message()).contains("'Gone' does not exist");
    }

    @Test
    void aConfigurationWhoseTypeIsNotInstalledFailsClosed() {
        InMemoryMfaConfigurationStore shared = new InMemoryMfaConfigurationStore();
        shared.createConfiguration(MfaConfiguration.of("Remote", "okta", java.util.Map.of("Org", "x")));
        shared.putAssignment(new MfaAssignment(BOB, "Remote", "bob"));

        assertThat(Fixtures.service(provider, shared).verify(BOB, "123456").reason()).isEqualTo(Reason.CONFIGURATION_ERROR);
    }

    @Test
    void aVerifierIsOpenedOncePerRevisionAndClosedWhenTheConfigurationChanges() {
        mfa.verify(BOB, "123456");
        mfa.verify(BOB, "123456");
        assertThat(provider.opened).hasValue(1);

        mfa.configurations().json().update("Main", "{\"Options\": {\"Endpoint\": \"https://new.example.com\"}}");
        assertThat(provider.closed).hasValue(1);
        mfa.verify(BOB, "123456");

        assertThat(provider.opened).hasValue(2);
        assertThat(provider.openedConfigurations).extracting(MfaConfiguration::revision).containsExactly(1L, 2L);
        mfa.configurations().delete("Main", true);
        assertThat(provider.closed).hasValue(2);
    }

    @Test
    void aChangeWrittenByAnotherNodeIsPickedUpOnTheNextVerify() {
        mfa.verify(BOB, "123456");
        MfaConfiguration current = store.findConfiguration("Main").orElseThrow();
        // Another node sharing the store updates it directly.
        store.updateConfiguration(current.withOptions(java.util.Map.of("Endpoint", "https://elsewhere.example.com",
                "Token", Fixtures.TOKEN)), current.revision());

        mfa.verify(BOB, "123456");

        assertThat(provider.openedConfigurations).last().extracting(c -> c.option("Endpoint").orElseThrow())
                .isEqualTo("https://elsewhere.example.com");
        assertThat(provider.closed).hasValue(1);
    }

    @Test
    void aConfigurationThatCannotBeOpenedFailsClosed() {
        ScriptedProvider refusing = new ScriptedProvider() {
            @Override
            public dev.mfa4j.api.spi.MfaVerifier open(MfaConfiguration configuration) {
                throw new dev.mfa4j.api.InvalidConfigurationException("Options.Endpoint", "is unreachable by design");
            }
        };
        MfaService service = Fixtures.service(refusing, store);

        VerificationResult result = service.verify(BOB, "123456");

        assertThat(result.reason()).isEqualTo(Reason.CONFIGURATION_ERROR);
        assertThat(result.message()).contains("is unreachable by design");
    }

    @Test
    void progressReachesTheListenerAndAThrowingListenerChangesNothing() {
        provider.behaviour = request -> {
            request.context().progressListener().onProgress(new VerificationProgress.ChallengeSent("push", "Pushed"));
            request.context().progressListener().onProgress(new VerificationProgress.VerificationCode("708"));
            return CompletableFuture.completedFuture(VerificationOutcome.approved("approved"));
        };
        List<VerificationProgress> seen = new ArrayList<>();

        VerificationResult result = mfa.verify(BOB, "push", VerificationContext.builder().progressListener(progress -> {
            seen.add(progress);
            throw new IllegalStateException("UI went away");
        }).build());

        assertThat(result.reason()).isEqualTo(Reason.APPROVED);
        assertThat(seen).hasSize(2);
    }

    @Test
    void theContextReachesTheProvider() {
        mfa.verify(BOB, "123456", VerificationContext.builder().clientIp("203.0.113.7").requestId("req-42").build());

        assertThat(provider.requests).singleElement().satisfies(r -> {
            assertThat(r.context().clientIp()).contains("203.0.113.7");
            assertThat(r.context().requestId()).isEqualTo("req-42");
            assertThat(r.principal()).isEqualTo(BOB);
        });
    }

    @Test
    void verifyAsyncDoesNotHoldTheCallerAndCompletesOnTheCallbackExecutor() throws Exception {
        ExecutorService callbacks = Executors.newSingleThreadExecutor(r -> new Thread(r, "host-callbacks"));
        MfaService service = MfaService.builder(ManagementAuthorizer.allowAll()).store(store).discoverProviders(false)
                .provider(provider).callbackExecutor(callbacks).build();
        CompletableFuture<VerificationOutcome> pending = new CompletableFuture<>();
        provider.behaviour = request -> pending;
        AtomicReference<String> completedOn = new AtomicReference<>();

        CompletableFuture<VerificationResult> result = service.verifyAsync(BOB, "push")
                .whenComplete((r, e) -> completedOn.set(Thread.currentThread().getName()));
        assertThat(result).isNotDone();
        pending.complete(VerificationOutcome.approved("approved"));

        assertThat(result.get(5, TimeUnit.SECONDS).allowed()).isTrue();
        assertThat(completedOn.get()).isEqualTo("host-callbacks");
        callbacks.shutdown();
    }

    @Test
    void aKeywordTheAssignedProviderDoesNotSupportIsRefusedBeforeTheCall() {
        ScriptedProvider noPush = new ScriptedProvider() {
            @Override
            public java.util.Set<String> keywords() {
                return java.util.Set.of();
            }
        };
        ScriptedProvider withSms = new ScriptedProvider() {
            @Override
            public String type() {
                return "other";
            }

            @Override
            public java.util.Set<String> keywords() {
                return java.util.Set.of("push", "sms");
            }
        };
        MfaService service = MfaService.builder(ManagementAuthorizer.allowAll()).store(store).discoverProviders(false)
                .provider(noPush).provider(withSms).build();

        assertThatThrownBy(() -> service.verify(BOB, "push"))
                .isInstanceOf(InvalidCredentialException.class)
                .hasMessageContaining("'push' is not supported by this principal's MFA provider (type scripted); type a passcode");
        assertThat(noPush.requests).isEmpty();
    }

    @Test
    void closingTheServiceClosesItsVerifiers() {
        mfa.verify(BOB, "123456");

        mfa.close();

        assertThat(provider.closed).hasValue(1);
    }
}
