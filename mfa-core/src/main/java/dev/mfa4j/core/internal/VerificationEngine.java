package dev.mfa4j.core.internal;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.InvalidCredentialException;
import dev.mfa4j.api.InvalidInputException;
import dev.mfa4j.api.InvalidPrincipalException;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.ProgressListener;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.OptionValues;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verification path: principal, assignment, configuration, verifier, provider call, result.
 * It never throws for anything that happens after the input was accepted: store failures,
 * missing configurations, provider bugs and timeouts all become results that do not allow the
 * login (fail closed).
 */
public final class VerificationEngine {

    private static final Logger LOG = LoggerFactory.getLogger(VerificationEngine.class);

    private final GuardedStore store;
    private final ProviderRegistry providers;
    private final VerifierCache verifiers;
    private final Executor callbackExecutor;
    private final Duration maxVerificationTime;

    /**
     * @param store the configuration store
     * @param providers the installed providers
     * @param verifiers the open verifiers
     * @param callbackExecutor where results are completed; null to complete them on the
     *     provider's thread
     * @param maxVerificationTime the safety net for a provider that never answers
     */
    public VerificationEngine(GuardedStore store, ProviderRegistry providers, VerifierCache verifiers, Executor callbackExecutor,
            Duration maxVerificationTime) {
        this.store = Objects.requireNonNull(store, "store");
        this.providers = Objects.requireNonNull(providers, "providers");
        this.verifiers = Objects.requireNonNull(verifiers, "verifiers");
        this.callbackExecutor = callbackExecutor;
        this.maxVerificationTime = Objects.requireNonNull(maxVerificationTime, "maxVerificationTime");
    }

    /**
     * @param principal who logs in
     * @param typed what they typed
     * @param context facts about the attempt
     * @return the result; never completes exceptionally unless cancelled
     * @throws NullPointerException if an argument is null
     * @throws InvalidPrincipalException if the principal's kind does not support MFA
     * @throws InvalidCredentialException if the typed text is not a credential the assigned
     *     provider understands
     */
    public CompletableFuture<VerificationResult> verify(PrincipalId principal, String typed, VerificationContext context) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(typed, "typed");
        Objects.requireNonNull(context, "context");
        if (!principal.supportsMfa()) {
            throw new InvalidPrincipalException("kind", "principals of kind " + principal.kind().pathSegment()
                    + " do not support MFA; only user and application principals do");
        }
        // Parsed before any lookup, so malformed input is refused the same way for every principal.
        Credential credential = Credential.parse(typed, providers.allKeywords());
        Attempt attempt = new Attempt(principal, credential.factor(), context.requestId(), System.nanoTime());

        MfaAssignment assignment;
        MfaConfiguration configuration;
        try {
            Optional<MfaAssignment> found = store.findAssignment(principal);
            if (found.isEmpty()) {
                return done(attempt.end(VerificationResult.of(Reason.NOT_CONFIGURED, "no MFA configuration is assigned to " + principal)));
            }
            assignment = found.get();
            attempt.configuration = assignment.configurationName();
            Optional<MfaConfiguration> config = store.findConfiguration(assignment.configurationName());
            if (config.isEmpty()) {
                return done(attempt.end(VerificationResult.of(Reason.CONFIGURATION_ERROR,
                        "the assigned MFA configuration '" + assignment.configurationName() + "' does not exist")));
            }
            configuration = config.get();
        } catch (StoreException e) {
            LOG.warn("MFA-CORE-012 MFA verification {} for {} failed closed: {}", context.requestId(), principal, e.getMessage());
            return done(attempt.end(VerificationResult.of(Reason.STORE_UNAVAILABLE, "the MFA configuration store failed")));
        }

        Optional<MfaProvider> provider = providers.find(configuration.type());
        if (provider.isEmpty()) {
            return done(attempt.end(VerificationResult.of(Reason.CONFIGURATION_ERROR, "MFA configuration '" + configuration.name()
                    + "' has type '" + configuration.type() + "', which no installed provider handles")));
        }
        if (credential instanceof Credential.Keyword keyword && !provider.get().keywords().contains(keyword.name())) {
            throw new InvalidCredentialException("'" + keyword.name() + "' is not supported by this principal's MFA provider (type "
                    + configuration.type() + "); " + (provider.get().keywords().isEmpty()
                            ? "type a passcode" : "type a passcode or one of: " + String.join(", ", provider.get().keywords())));
        }

        MfaVerifier verifier;
        try {
            verifier = verifiers.verifierFor(configuration, provider.get());
        } catch (RuntimeException e) {
            String why = e instanceof InvalidInputException ? e.getMessage() : e.getClass().getName();
            LOG.warn("MFA-CORE-013 MFA configuration '{}' could not be opened: {}", configuration.name(), why);
            return done(attempt.end(VerificationResult.of(Reason.CONFIGURATION_ERROR,
                    "MFA configuration '" + configuration.name() + "' could not be opened: " + why)));
        }

        VerificationRequest request = new VerificationRequest(assignment.principal(), assignment.providerUserId(), credential,
                withSafeListener(context));
        CompletableFuture<VerificationOutcome> outcome;
        try {
            outcome = verifier.verify(request);
            if (outcome == null) {
                outcome = CompletableFuture.failedFuture(new IllegalStateException("the verifier returned null"));
            }
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        BiFunction<VerificationOutcome, Throwable, VerificationResult> toResult = (o, failure) -> attempt.end(o, failure, maxVerificationTime);
        CompletableFuture<VerificationOutcome> bounded = outcome.copy().orTimeout(maxVerificationTime.toMillis(), TimeUnit.MILLISECONDS);
        return callbackExecutor == null ? bounded.handle(toResult) : bounded.handleAsync(toResult, callbackExecutor);
    }

    private static VerificationContext withSafeListener(VerificationContext context) {
        ProgressListener host = context.progressListener();
        if (host == ProgressListener.NONE) {
            return context;
        }
        ProgressListener safe = progress -> {
            try {
                host.onProgress(progress);
            } catch (RuntimeException e) {
                LOG.warn("MFA-CORE-011 a progress listener threw {}; ignored", e.getClass().getName());
            }
        };
        return new VerificationContext(context.clientIp(), context.applicationName(), context.requestId(), safe);
    }

    /** One verification in flight: what the log line at its end needs. */
    private static final class Attempt {
        private final PrincipalId principal;
        private final String factor;
        private final String requestId;
        private final long startNanos;
        private String configuration = "-";

        Attempt(PrincipalId principal, String factor, String requestId, long startNanos) {
            this.principal = principal;
            this.factor = factor;
            this.requestId = requestId;
            this.startNanos = startNanos;
        }

        VerificationResult end(VerificationOutcome outcome, Throwable failure, Duration limit) {
            VerificationResult result;
            if (failure == null && outcome instanceof VerificationOutcome.Rejected rejected) {
                result = new VerificationResult(rejected.reason(), rejected.message(), rejected.enrollmentUrl());
            } else if (failure == null) {
                // Approved and Unavailable carry only a reason and a message.
                result = VerificationResult.of(outcome.reason(), outcome.message());
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                if (cause instanceof CancellationException cancelled) {
                    throw cancelled;
                }
                if (cause instanceof TimeoutException) {
                    result = VerificationResult.of(Reason.PROVIDER_UNAVAILABLE,
                            "the MFA provider gave no answer within " + OptionValues.format(limit));
                } else {
                    LOG.warn("MFA-CORE-014 MFA verification {} for {}: the provider failed with {}", requestId, principal,
                            cause.getClass().getName());
                    LOG.debug("MFA verification {}: provider failure", requestId, cause);
                    result = VerificationResult.of(Reason.PROVIDER_ERROR, "the MFA provider failed: " + cause.getClass().getSimpleName());
                }
            }
            return end(result);
        }

        VerificationResult end(VerificationResult result) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("MFA verification {} for {} (configuration {}, factor {}): {} in {} ms", requestId, principal, configuration,
                        factor, result.reason(), (System.nanoTime() - startNanos) / 1_000_000);
            }
            return result;
        }
    }

    private static CompletableFuture<VerificationResult> done(VerificationResult result) {
        return CompletableFuture.completedFuture(result);
    }
}
