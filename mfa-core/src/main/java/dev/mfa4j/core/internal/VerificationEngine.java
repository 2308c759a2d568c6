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
import dev.mfa4j.api.SealedSecretException;
import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.OptionValues;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verification path: principal, credential, assignment, configuration, attempt policy,
 * verifier, provider call, fail mode, result, audit event. It never throws for anything that
 * happens after the input was accepted: store failures, missing configurations, provider bugs and
 * timeouts all become results that do not allow the login (fail closed).
 */
public final class VerificationEngine {

    private static final Logger LOG = LoggerFactory.getLogger(VerificationEngine.class);
    /** What the caller is told for any refused passcode, so a replay reads like any wrong code. */
    static final String INVALID_PASSCODE_MESSAGE = "incorrect passcode";

    private final GuardedStore store;
    private final ProviderRegistry providers;
    private final VerifierCache verifiers;
    private final AttemptGate gate;
    private final VerificationAudit audit;
    private final Executor callbackExecutor;
    private final Duration maxVerificationTime;
    private final DeadlineTimer deadlines;

    /**
     * @param store the configuration store
     * @param providers the installed providers
     * @param verifiers the open verifiers
     * @param gate the attempt policy and its state
     * @param events where audit events go
     * @param clock the time source for events
     * @param callbackExecutor where results are completed; null to complete them on the
     *     provider's thread
     * @param maxVerificationTime the safety net for a passcode verification that never ends
     * @param deadlines ends verifications past their deadline
     */
    public VerificationEngine(GuardedStore store, ProviderRegistry providers, VerifierCache verifiers, AttemptGate gate,
            EventDispatcher events, Clock clock, Executor callbackExecutor, Duration maxVerificationTime, DeadlineTimer deadlines) {
        this.store = Objects.requireNonNull(store, "store");
        this.providers = Objects.requireNonNull(providers, "providers");
        this.verifiers = Objects.requireNonNull(verifiers, "verifiers");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.audit = new VerificationAudit(Objects.requireNonNull(events, "events"), Objects.requireNonNull(clock, "clock"));
        this.callbackExecutor = callbackExecutor;
        this.maxVerificationTime = Objects.requireNonNull(maxVerificationTime, "maxVerificationTime");
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
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
        VerificationAudit.Attempt attempt = audit.begin(principal, context);
        Credential credential;
        try {
            if (!principal.supportsMfa()) {
                throw new InvalidPrincipalException("kind", "principals of kind " + principal.kind().pathSegment()
                        + " do not support MFA; only user and application principals do");
            }
            // Parsed before any lookup, so malformed input is refused the same way for every principal.
            credential = Credential.parse(typed, providers.allKeywords());
        } catch (InvalidInputException e) {
            attempt.refusedInput(e);
            throw e;
        }
        attempt.factor(credential.factor());

        MfaAssignment assignment;
        MfaConfiguration configuration;
        try {
            Optional<MfaAssignment> found = store.findAssignment(principal);
            if (found.isEmpty()) {
                return done(attempt.end(Reason.NOT_CONFIGURED, "no MFA configuration is assigned to " + principal));
            }
            assignment = found.get();
            attempt.configuration(assignment.configurationName());
            Optional<MfaConfiguration> config = store.findConfiguration(assignment.configurationName());
            if (config.isEmpty()) {
                return done(attempt.end(Reason.CONFIGURATION_ERROR,
                        "the assigned MFA configuration '" + assignment.configurationName() + "' does not exist"));
            }
            configuration = config.get();
        } catch (StoreException e) {
            LOG.warn("MFA-CORE-012 MFA verification {} for {} failed closed: {}", context.requestId(), principal, e.getMessage());
            return done(attempt.end(Reason.STORE_UNAVAILABLE, "the MFA configuration store failed"));
        }
        attempt.providerType(configuration.type());

        Optional<MfaProvider> provider = providers.find(configuration.type());
        if (provider.isEmpty()) {
            return done(attempt.end(Reason.CONFIGURATION_ERROR, "MFA configuration '" + configuration.name()
                    + "' has type '" + configuration.type() + "', which no installed provider handles"));
        }
        if (credential instanceof Credential.Keyword keyword && !provider.get().keywords().contains(keyword.name())) {
            InvalidCredentialException refused = new InvalidCredentialException("'" + keyword.name()
                    + "' is not supported by this principal's MFA provider (type " + configuration.type() + "); "
                    + (provider.get().keywords().isEmpty()
                            ? "type a passcode" : "type a passcode or one of: " + Credential.describeKeywords(provider.get().keywords())));
            attempt.refusedInput(refused);
            throw refused;
        }

        MfaVerifier verifier;
        try {
            verifier = verifiers.verifierFor(configuration, provider.get());
        } catch (RuntimeException e) {
            String why = e instanceof InvalidInputException || e instanceof SealedSecretException ? e.getMessage() : e.getClass().getName();
            LOG.warn("MFA-CORE-013 MFA configuration '{}' could not be opened: {}", configuration.name(), why);
            return done(attempt.end(Reason.CONFIGURATION_ERROR, "MFA configuration '" + configuration.name() + "' could not be opened: " + why));
        }

        // The canonical principal is the one the store assigned: variants of a name share its counter.
        String principalKey = assignment.principal().path();
        AttemptGate.Entry entry;
        try {
            entry = gate.enter(principalKey, configuration.name(), credential);
        } catch (RuntimeException e) {
            LOG.warn("MFA-CORE-015 MFA verification {} for {} failed closed: the attempt store failed with {}", context.requestId(),
                    principal, e.getClass().getName());
            return done(attempt.end(Reason.STORE_UNAVAILABLE, "the attempt store failed"));
        }
        if (!entry.admitted()) {
            return done(attempt.end(VerificationResult.of(entry.refusal(), messageFor(entry.refusal(), entry.detail())), entry.detail()));
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
        boolean outOfBand = credential instanceof Credential.Keyword;
        Duration deadline = outOfBand ? gate.policy().pushTtl() : maxVerificationTime;
        long calledAt = System.nanoTime();
        CompletableFuture<VerificationOutcome> bounded = deadlines.bound(outcome, deadline);
        BiFunction<VerificationOutcome, Throwable, VerificationResult> finish = (o, failure) -> {
            // A push past its time to live is over: an answer after it, even an approval, must not
            // count, however late the shared timer fires.
            boolean expired = outOfBand && System.nanoTime() - calledAt >= deadline.toNanos();
            Ending ending = expired ? toEnding(null, new TimeoutException(), true, deadline, context.requestId())
                    : toEnding(o, failure, outOfBand, deadline, context.requestId());
            gate.settle(entry.ticket(), ending.result().reason());
            Ending last = failOpen(ending, configuration, context.requestId(), principal);
            return attempt.end(last.result(), last.detail());
        };
        return callbackExecutor == null ? bounded.handle(finish) : bounded.handleAsync(finish, callbackExecutor);
    }

    /**
     * How a verification ended.
     *
     * @param result what the caller gets
     * @param detail what the audit event says, which may tell more than the caller is told
     */
    private record Ending(VerificationResult result, String detail) {
        static Ending of(Reason reason, String message) {
            return new Ending(VerificationResult.of(reason, message), message);
        }
    }

    private static Ending toEnding(VerificationOutcome outcome, Throwable failure, boolean outOfBand, Duration deadline, String requestId) {
        if (failure == null) {
            if (outcome instanceof VerificationOutcome.Rejected rejected) {
                return new Ending(new VerificationResult(rejected.reason(), messageFor(rejected.reason(), rejected.message()),
                        rejected.enrollmentUrl()), rejected.message());
            }
            return Ending.of(outcome.reason(), outcome.message());
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof CancellationException cancelled) {
            throw cancelled;
        }
        if (cause instanceof TimeoutException) {
            return outOfBand
                    ? Ending.of(Reason.TIMED_OUT, "the push was not answered within " + OptionValues.format(deadline))
                    : Ending.of(Reason.PROVIDER_UNAVAILABLE, "the MFA provider gave no answer within " + OptionValues.format(deadline));
        }
        // The class only: a provider's exception message could quote what it was sent.
        LOG.warn("MFA-CORE-014 MFA verification {}: the provider failed with {}", requestId, cause.getClass().getName());
        return Ending.of(Reason.PROVIDER_ERROR, "the MFA provider failed: " + cause.getClass().getSimpleName());
    }

    /** Applies the configuration's fail mode: only to an unavailable provider, and never silently. */
    private static Ending failOpen(Ending ending, MfaConfiguration configuration, String requestId, PrincipalId principal) {
        if (ending.result().reason() != Reason.PROVIDER_UNAVAILABLE || !CommonOptions.failsOpen(configuration)) {
            return ending;
        }
        LOG.warn("MFA-CORE-017 MFA verification {} for {}: provider unavailable ({}); configuration '{}' fails open, so the login "
                + "is let through UNVERIFIED", requestId, principal, ending.result().message(), configuration.name());
        return Ending.of(Reason.FAIL_OPEN_BYPASS, "the MFA provider was unavailable and configuration '" + configuration.name()
                + "' fails open: " + ending.result().message());
    }

    /** What the caller is told: a refused passcode always reads the same, whatever the cause. */
    private static String messageFor(Reason reason, String detail) {
        return reason == Reason.INVALID_PASSCODE ? INVALID_PASSCODE_MESSAGE : detail;
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

    private static CompletableFuture<VerificationResult> done(VerificationResult result) {
        return CompletableFuture.completedFuture(result);
    }
}
