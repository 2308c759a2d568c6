package dev.mfa4j.core;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.InvalidConfigurationException.Violation;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.OptionCheck;
import dev.mfa4j.api.spi.OptionSpec;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A provider for mfa-core's own tests (mfa-core cannot use the testkit, which depends on it). It
 * has a required option, a secret, an optional one with a default, a cross-field rule and a
 * keyword, and its behaviour can be scripted per test.
 */
public class ScriptedProvider implements MfaProvider {

    static final String TYPE = "scripted";
    static final String GOOD_PASSCODE = "123456";

    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final List<MfaConfiguration> openedConfigurations = new CopyOnWriteArrayList<>();
    final List<VerificationRequest> requests = new CopyOnWriteArrayList<>();
    volatile Function<VerificationRequest, CompletableFuture<VerificationOutcome>> behaviour = ScriptedProvider::defaultBehaviour;
    /** What verifiers opened from now on say about how long a passcode lives. */
    volatile Supplier<Optional<Duration>> passcodeLifetime = Optional::empty;

    /**
     * @param behaviour how verifiers answer from now on (for tests in other packages)
     */
    public void behaveAs(Function<VerificationRequest, CompletableFuture<VerificationOutcome>> behaviour) {
        this.behaviour = behaviour;
    }

    /** @return how many verifiers were opened (for tests in other packages) */
    public int openedCount() {
        return opened.get();
    }

    /** @return how many verifiers were closed (for tests in other packages) */
    public int closedCount() {
        return closed.get();
    }

    /** Public, as {@link java.util.ServiceLoader} needs it. */
    public ScriptedProvider() {
    }

    @Override
    public int spiVersion() {
        return 1;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.builder("Endpoint").required().secretsDestination().description("where the provider lives")
                        .check(OptionCheck.matching(Pattern.compile("https://[a-z0-9.-]+"), "an https:// URL without a path"))
                        .build(),
                OptionSpec.builder("Token").required().secret().description("the API token")
                        .check(OptionCheck.matching(Pattern.compile("[A-Za-z0-9]{8,}"), "at least 8 letters or digits"))
                        .build(),
                OptionSpec.builder("Mode").defaultValue("fast").description("fast or slow (default fast)")
                        .check(OptionCheck.oneOf("fast", "slow"))
                        .build());
    }

    @Override
    public Set<String> keywords() {
        return Set.of("push");
    }

    @Override
    public List<Violation> validate(MfaConfiguration configuration) {
        if (configuration.option("Mode").orElse("fast").equals("slow") && configuration.option("Endpoint").orElse("").contains("fast")) {
            return List.of(new Violation("Options.Mode", "slow mode cannot use a fast endpoint"));
        }
        return List.of();
    }

    @Override
    public MfaVerifier open(MfaConfiguration configuration) {
        opened.incrementAndGet();
        openedConfigurations.add(configuration);
        Supplier<Optional<Duration>> lifetime = passcodeLifetime;
        return new MfaVerifier() {
            @Override
            public Optional<Duration> passcodeLifetime() {
                return lifetime.get();
            }

            @Override
            public CompletableFuture<VerificationOutcome> verify(VerificationRequest request) {
                requests.add(request);
                return behaviour.apply(request);
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }

    static CompletableFuture<VerificationOutcome> defaultBehaviour(VerificationRequest request) {
        if (request.credential() instanceof Credential.Passcode passcode) {
            return CompletableFuture.completedFuture(passcode.digits().equals(GOOD_PASSCODE)
                    ? VerificationOutcome.approved("passcode accepted")
                    : VerificationOutcome.rejected(Reason.INVALID_PASSCODE, "wrong passcode"));
        }
        return CompletableFuture.completedFuture(VerificationOutcome.approved("push approved"));
    }
}
