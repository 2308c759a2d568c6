package dev.mfa4j.core;

import static dev.mfa4j.core.Fixtures.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.event.MfaEvent;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.api.spi.VerificationOutcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Runs mfa-core's scenarios, error paths included, with canary values for the secret option and
 * the passcodes, and looks for the canaries in every log line at every level (with stack traces),
 * every event, every exception (with its causes' stack traces), every toString and every JSON
 * output. (The Duo provider's canary test lives with the Duo end-to-end tests.)
 */
class SecretCanaryTest {

    private static final String SECRET = "CanarySecretK3yZ8";
    private static final String GOOD = "97531246";
    private static final String WRONG = "86420135";

    private final ScriptedProvider provider = new ScriptedProvider();
    private final List<MfaEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.mfa4j");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private MfaService mfa;

    @BeforeEach
    void start() {
        logs.start();
        logger.addAppender(logs);
        provider.behaviour = request -> {
            String typed = request.credential() instanceof dev.mfa4j.api.Credential.Passcode p ? p.digits() : "";
            return CompletableFuture.completedFuture(typed.equals(GOOD) ? VerificationOutcome.approved("ok")
                    : VerificationOutcome.rejected(Reason.INVALID_PASSCODE, "wrong"));
        };
        mfa = MfaService.builder(ManagementAuthorizer.allowAll()).discoverProviders(false).provider(provider)
                .eventListener(events::add).sealing(SealingKeys.current("k1", new byte[32])).build();
    }

    @AfterEach
    void stop() {
        logger.detachAppender(logs);
    }

    private void attempt(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            texts.add(trace.toString());
        }
    }

    private void record(Object value) {
        texts.add(String.valueOf(value));
    }

    @Test
    void theCanariesAppearNowhere() {
        String json = "{\"Type\": \"scripted\", \"Name\": \"Main\", \"Options\": {\"Endpoint\": \"https://mfa.example.com\", \"Token\": \"%s\"}}";
        attempt(() -> record(mfa.configurations().json().create(json.formatted(SECRET))));
        attempt(() -> mfa.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob")));
        attempt(() -> record(mfa.configurations().json().list()));
        attempt(() -> record(mfa.configurations().list()));
        attempt(() -> record(mfa.configurations().get("Main")));

        // Verifications: approved, replayed, wrong until locked out.
        attempt(() -> record(mfa.verify(BOB, GOOD)));
        attempt(() -> record(mfa.verify(BOB, GOOD)));
        for (int i = 0; i < 6; i++) {
            attempt(() -> record(mfa.verify(BOB, WRONG)));
        }
        // Bad input that contains the canaries.
        attempt(() -> mfa.verify(BOB, GOOD + " "));
        attempt(() -> mfa.verify(BOB, SECRET));
        attempt(() -> mfa.configurations().json().create("{\"Options\": {\"Token\": " + SECRET + "}}"));
        attempt(() -> mfa.configurations().json().create(json.formatted(SECRET + "!!").replace("Main", "Other")));
        attempt(() -> mfa.configurations().json().update("Main", "{\"Name\": \"Main\", \"Options\": {\"Token\": \"" + SECRET + "\", \"X\": \"y\"}}"));
        // A provider whose exception quotes the secret and the passcode.
        PrincipalId alice = PrincipalId.user("internal", "alice");
        attempt(() -> mfa.principals().assign(MfaAssignment.of(alice).configuration("Main").providerUserId("alice")));
        provider.behaviour = request -> {
            throw new IllegalStateException("failed with key " + SECRET + " and passcode " + WRONG);
        };
        attempt(() -> record(mfa.verify(alice, WRONG)));
        provider.behaviour = request -> CompletableFuture.failedFuture(new IllegalStateException("async " + SECRET));
        attempt(() -> record(mfa.verify(alice, GOOD)));
        // A store that fails with a message quoting stored values.
        MfaService brokenStore = MfaService.builder(ManagementAuthorizer.allowAll()).discoverProviders(false)
                .provider(provider).store(new DelegatingStore(new InMemoryMfaConfigurationStore()) {
                    @Override
                    public Optional<MfaAssignment> findAssignment(PrincipalId principal) {
                        throw new IllegalStateException("row (" + SECRET + ") is corrupt");
                    }
                }).build();
        attempt(() -> record(brokenStore.verify(BOB, GOOD)));
        attempt(() -> brokenStore.principals().get(BOB));
        attempt(() -> record(mfa.configurations().get("Main", SecretVisibility.REVEALED).map(c -> "revealed on request").orElse("")));

        List<String> everything = new ArrayList<>(texts);
        for (ILoggingEvent event : logs.list) {
            everything.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                everything.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }
        events.forEach(e -> everything.add(e.toString()));
        assertThat(logs.list).as("the scenarios logged").isNotEmpty();
        assertThat(events).as("the scenarios emitted events").hasSizeGreaterThan(10);
        assertThat(everything).allSatisfy(text -> assertThat(text).doesNotContain(SECRET).doesNotContain(GOOD).doesNotContain(WRONG));
        assertThat(provider.requests).extracting(r -> r.credential().toString()).allMatch(s -> !s.contains(GOOD) && !s.contains(WRONG));
    }

    @Test
    void thePasscodeReachesTheProviderIntact() {
        mfa.configurations().json().create("{\"Type\": \"scripted\", \"Name\": \"Main\", \"Options\": {\"Endpoint\": \"https://mfa.example.com\", "
                + "\"Token\": \"" + SECRET + "\"}}");
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));

        VerificationResult result = mfa.verify(BOB, GOOD);

        assertThat(result.allowed()).as("the canary test is not vacuous").isTrue();
    }
}
