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
import dev.mfa4j.api.spi.EnrollmentData;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.OptionValues;
import dev.mfa4j.api.spi.StoredEnrollment;
import dev.mfa4j.api.spi.Ticker;
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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verification path, in the twelve steps docs/architecture.md lists; each step is a method
 * named after it. It never throws for anything that happens after the input was accepted: store
 * failures, missing configurations, provider bugs, cancellations and timeouts all become results
 * that do not allow the login (fail closed), each settled in the attempt store and audited by
 * exactly one event.
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
    private final Ticker ticker;
    private final GuardedEnrollmentStore enrollments;
    private final SecretSealer sealer;
    private final RecoveryCodeChecks recoveryCodes;

    /**
     * What the verification is for, once looked up (steps 3 to 5).
     *
     * @param assignment the principal's assignment
     * @param configuration its configuration, as stored
     * @param provider the provider of that configuration's type
     */
    private record Target(MfaAssignment assignment, MfaConfiguration configuration, MfaProvider provider) {
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

        Reason reason() {
            return result.reason();
        }
    }

    /**
     * A step that ends the verification before the provider is called; already audited. Carries
     * no stack trace: it is a result, not an error.
     */
    private static final class EndedEarly extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient VerificationResult result;

        EndedEarly(VerificationResult result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    /**
     * @param store the configuration store
     * @param providers the installed providers
     * @param verifiers the open verifiers
     * @param gate the attempt policy and its state
     * @param events where audit events go
     * @param clock the time source for events
     * @param ticker the time source for deadlines and durations
     * @param callbackExecutor where results are completed; null to complete them on the
     *     provider's thread
     * @param maxVerificationTime the safety net for a passcode verification that never ends
     * @param deadlines ends verifications past their deadline
     * @param enrollments where principals' enrollments are kept
     * @param sealer opens their sealed values
     * @param recoveryCodes checks recovery codes
     */
    public VerificationEngine(GuardedStore store, ProviderRegistry providers, VerifierCache verifiers, AttemptGate gate,
            EventDispatcher events, Clock clock, Ticker ticker, Executor callbackExecutor, Duration maxVerificationTime,
            DeadlineTimer deadlines, GuardedEnrollmentStore enrollments, SecretSealer sealer, RecoveryCodeChecks recoveryCodes) {
        this.store = Objects.requireNonNull(store, "store");
        this.providers = Objects.requireNonNull(providers, "providers");
        this.verifiers = Objects.requireNonNull(verifiers, "verifiers");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.audit = new VerificationAudit(Objects.requireNonNull(events, "events"), Objects.requireNonNull(clock, "clock"), ticker);
        this.callbackExecutor = callbackExecutor == null ? null : inlineWhenRejected(callbackExecutor);
        this.maxVerificationTime = Objects.requireNonNull(maxVerificationTime, "maxVerificationTime");
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
        this.enrollments = Objects.requireNonNull(enrollments, "enrollments");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.recoveryCodes = Objects.requireNonNull(recoveryCodes, "recoveryCodes");
    }

    /**
     * @param principal who logs in
     * @param typed what they typed
     * @param context facts about the attempt
     * @return the result; never completes exceptionally
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
        checkPrincipalKind(principal, attempt);                                         // 1
        Credential credential = parseCredential(typed, attempt);                          // 2
        VerifierCache.Lease lease = null;
        try {
            MfaAssignment assignment = lookUpAssignment(principal, context, attempt);          // 3
            if (credential instanceof Credential.RecoveryCode code) {
                return checkRecoveryCode(assignment, code, context, attempt);
            }
            Target target = lookUpConfiguration(assignment, context, attempt);             // 4, 5
            requireKeywordOfProvider(credential, target, attempt);                         // 5
            lease = leaseVerifier(target, attempt);                                        // 6
            Optional<EnrollmentData> enrollment = enrollmentOf(target, attempt);           // 6
            AttemptGate.Ticket ticket = enterAttemptGate(target, credential, lease, context, attempt); // 7
            CompletableFuture<VerificationResult> result = callProvider(target, credential, enrollment, lease, ticket, context,
                    attempt);                                                              // 8-12
            lease = null;
            return result;
        } catch (EndedEarly ended) {
            return CompletableFuture.completedFuture(ended.result);
        } finally {
            if (lease != null) {
                lease.close();
            }
        }
    }

    /** Step 1: only users and applications have MFA. */
    private static void checkPrincipalKind(PrincipalId principal, VerificationAudit.Attempt attempt) {
        if (!principal.supportsMfa()) {
            InvalidPrincipalException refused = new InvalidPrincipalException("kind", "principals of kind "
                    + principal.kind().pathSegment() + " do not support MFA; only user and application principals do");
            attempt.refusedInput(refused);
            throw refused;
        }
    }

    /** Step 2: parsed before any lookup, so malformed input is refused the same way for every principal. */
    private Credential parseCredential(String typed, VerificationAudit.Attempt attempt) {
        try {
            Credential credential = Credential.parse(typed, providers.allKeywords());
            attempt.factor(credential.factor());
            return credential;
        } catch (InvalidInputException e) {
            attempt.refusedInput(e);
            throw e;
        }
    }

    /** Step 3: the principal's assignment. */
    private MfaAssignment lookUpAssignment(PrincipalId principal, VerificationContext context, VerificationAudit.Attempt attempt) {
        try {
            Optional<MfaAssignment> found = store.findAssignment(principal);
            if (found.isEmpty()) {
                throw end(attempt, Ending.of(Reason.NOT_CONFIGURED, "no MFA configuration is assigned to " + principal));
            }
            attempt.configuration(found.get().configurationName());
            return found.get();
        } catch (StoreException e) {
            LOG.warn("MFA-CORE-012 MFA verification {} for {} failed closed: {}", context.requestId(), principal, e.getMessage());
            throw end(attempt, Ending.of(Reason.STORE_UNAVAILABLE, "the MFA configuration store failed"));
        }
    }

    /** Steps 4 and 5: the assignment's configuration, and the provider of its type. */
    private Target lookUpConfiguration(MfaAssignment assignment, VerificationContext context, VerificationAudit.Attempt attempt) {
        PrincipalId principal = assignment.principal();
        MfaConfiguration configuration;
        try {
            Optional<MfaConfiguration> stored = store.findConfiguration(assignment.configurationName());
            if (stored.isEmpty()) {
                throw end(attempt, Ending.of(Reason.CONFIGURATION_ERROR,
                        "the assigned MFA configuration '" + assignment.configurationName() + "' does not exist"));
            }
            configuration = stored.get();
        } catch (StoreException e) {
            LOG.warn("MFA-CORE-012 MFA verification {} for {} failed closed: {}", context.requestId(), principal, e.getMessage());
            throw end(attempt, Ending.of(Reason.STORE_UNAVAILABLE, "the MFA configuration store failed"));
        }
        attempt.providerType(configuration.type());
        Optional<MfaProvider> provider = providers.find(configuration.type());
        if (provider.isEmpty()) {
            throw end(attempt, Ending.of(Reason.CONFIGURATION_ERROR, "MFA configuration '" + configuration.name()
                    + "' has type '" + configuration.type() + "', which no installed provider handles"));
        }
        return new Target(assignment, configuration, provider.get());
    }

    /** Step 5: a keyword another provider understands is bad input for this principal. */
    private static void requireKeywordOfProvider(Credential credential, Target target, VerificationAudit.Attempt attempt) {
        if (credential instanceof Credential.Keyword keyword && !target.provider().keywords().contains(keyword.name())) {
            InvalidCredentialException refused = new InvalidCredentialException("'" + keyword.name()
                    + "' is not supported by this principal's MFA provider (type " + target.configuration().type() + "); "
                    + (target.provider().keywords().isEmpty() ? "type a passcode"
                            : "type a passcode or one of: " + Credential.describeKeywords(target.provider().keywords())));
            attempt.refusedInput(refused);
            throw refused;
        }
    }

    /** Step 6: the verifier of exactly this configuration, held until the verification ends. */
    private VerifierCache.Lease leaseVerifier(Target target, VerificationAudit.Attempt attempt) {
        MfaConfiguration configuration = target.configuration();
        try {
            return verifiers.lease(configuration, target.provider());
        } catch (VerifierCache.ClosedException e) {
            // Never fail-open: nobody could reach the provider because we stopped, not because it is down.
            throw end(attempt, Ending.of(Reason.PROVIDER_UNAVAILABLE, "the MFA service is closed"));
        } catch (RuntimeException e) {
            String why = e instanceof InvalidInputException || e instanceof SealedSecretException ? e.getMessage() : e.getClass().getName();
            LOG.warn("MFA-CORE-013 MFA configuration '{}' could not be opened: {}", configuration.name(), why);
            throw end(attempt, Ending.of(Reason.CONFIGURATION_ERROR, "MFA configuration '" + configuration.name()
                    + "' could not be opened: " + why));
        }
    }

    /**
     * Step 6, for a provider that enrolls principals itself: what it keeps for this one. A principal
     * not enrolled is told so without a provider call, and without counting an attempt.
     */
    private Optional<EnrollmentData> enrollmentOf(Target target, VerificationAudit.Attempt attempt) {
        if (target.provider().enrollment().isEmpty()) {
            return Optional.empty();
        }
        String configuration = target.configuration().name();
        try {
            Optional<StoredEnrollment> stored = enrollments.find(target.assignment().principal(), EnrollmentSlots.active(configuration));
            if (stored.isEmpty()) {
                throw end(attempt, Ending.of(Reason.ENROLLMENT_REQUIRED, target.assignment().principal()
                        + " has not enrolled with MFA configuration '" + configuration + "' yet"));
            }
            return Optional.of(sealer.open(stored.get()));
        } catch (SealedSecretException e) {
            LOG.warn("MFA-CORE-013 the enrollment of {} with MFA configuration '{}' could not be opened: {}", target.assignment().principal(),
                    configuration, e.getMessage());
            throw end(attempt, Ending.of(Reason.CONFIGURATION_ERROR, "the principal's enrollment could not be opened"));
        } catch (StoreException e) {
            LOG.warn("MFA-CORE-012 reading the enrollment of {} failed closed: {}", target.assignment().principal(), e.getMessage());
            throw end(attempt, Ending.of(Reason.STORE_UNAVAILABLE, "the MFA enrollment store failed"));
        }
    }

    /**
     * Steps 7 to 12 for a recovery code, which mfa-core checks itself whatever the provider: count
     * the attempt, check and use up the code on the recovery threads, settle, audit. No provider is
     * called and no fail mode applies.
     */
    private CompletableFuture<VerificationResult> checkRecoveryCode(MfaAssignment assignment, Credential.RecoveryCode code,
            VerificationContext context, VerificationAudit.Attempt attempt) {
        if (verifiers.isClosed()) {
            throw end(attempt, Ending.of(Reason.PROVIDER_UNAVAILABLE, "the MFA service is closed"));
        }
        AttemptGate.Entry entry;
        try {
            entry = gate.enter(assignment.principal().path(), assignment.configurationName(), code, null, Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.warn("MFA-CORE-015 MFA verification {} for {} failed closed: the attempt store failed with {}", context.requestId(),
                    assignment.principal(), e.getClass().getName());
            throw end(attempt, Ending.of(Reason.STORE_UNAVAILABLE, "the attempt store failed"));
        }
        if (!entry.admitted()) {
            throw end(attempt, Ending.of(entry.refusal(), entry.detail()));
        }
        BiFunction<RecoveryCodeChecks.Checked, Throwable, VerificationResult> finish = (checked, failure) -> {
            Ending ending = failure == null ? new Ending(VerificationResult.of(checked.reason(), messageFor(checked.reason(),
                    checked.detail())), checked.detail()) : Ending.of(Reason.STORE_UNAVAILABLE, "checking the recovery code failed");
            gate.settle(entry.ticket(), ending.reason());
            return attempt.end(ending.result(), ending.detail());
        };
        CompletableFuture<RecoveryCodeChecks.Checked> checked = recoveryCodes.check(assignment.principal(), code);
        CompletableFuture<VerificationResult> settled = callbackExecutor == null ? checked.handle(finish)
                : checked.handleAsync(finish, callbackExecutor);
        return settled.copy();
    }

    /** Step 7: the attempt policy, on the assignment's canonical principal (variants of a name share its counter). */
    private AttemptGate.Ticket enterAttemptGate(Target target, Credential credential, VerifierCache.Lease lease, VerificationContext context,
            VerificationAudit.Attempt attempt) {
        AttemptGate.Entry entry;
        try {
            entry = gate.enter(target.assignment().principal().path(), target.configuration().name(), credential, lease.fingerprints(),
                    lease.passcodeLifetime());
        } catch (RuntimeException e) {
            LOG.warn("MFA-CORE-015 MFA verification {} for {} failed closed: the attempt store failed with {}", context.requestId(),
                    target.assignment().principal(), e.getClass().getName());
            throw end(attempt, Ending.of(Reason.STORE_UNAVAILABLE, "the attempt store failed"));
        }
        if (!entry.admitted()) {
            throw end(attempt, new Ending(VerificationResult.of(entry.refusal(), messageFor(entry.refusal(), entry.detail())),
                    entry.detail()));
        }
        return entry.ticket();
    }

    /**
     * Steps 8 to 12: call the provider, turn its answer into a result, settle the attempt, apply
     * the fail mode, audit. The lease goes back when the answer (or the deadline) comes.
     */
    private CompletableFuture<VerificationResult> callProvider(Target target, Credential credential, Optional<EnrollmentData> enrollment,
            VerifierCache.Lease lease, AttemptGate.Ticket ticket, VerificationContext context, VerificationAudit.Attempt attempt) {
        VerificationRequest request = new VerificationRequest(target.assignment().principal(), target.assignment().providerUserId(),
                credential, withSafeListener(context), enrollment);
        boolean outOfBand = credential instanceof Credential.Keyword;
        Duration deadline = outOfBand ? gate.policy().pushTtl() : maxVerificationTime;
        long calledAt = ticker.read();
        CompletableFuture<VerificationOutcome> answer = deadlines.bound(askVerifier(lease, request), deadline);   // 8
        BiFunction<VerificationOutcome, Throwable, VerificationResult> finish = (outcome, failure) -> {
            lease.close();
            Ending ending = toEnding(outcome, failure, outOfBand, deadline, calledAt, context.requestId());         // 9
            gate.settle(ticket, ending.reason());                                                                   // 10
            Ending last = applyFailMode(ending, target.configuration(), context.requestId(), target.assignment().principal()); // 11
            return attempt.end(last.result(), last.detail());                                                       // 12
        };
        CompletableFuture<VerificationResult> settled = callbackExecutor == null ? answer.handle(finish)
                : answer.handleAsync(finish, callbackExecutor);
        // The host gets a copy: cancelling or completing it must not stop the settling and the audit,
        // which a dependent stage skips once its own future is done.
        return settled.copy();
    }

    /** Step 8: the provider's future; a verifier that throws or returns null has failed. */
    private static CompletableFuture<VerificationOutcome> askVerifier(VerifierCache.Lease lease, VerificationRequest request) {
        try {
            CompletableFuture<VerificationOutcome> outcome = lease.verifier().verify(request);
            return outcome != null ? outcome : CompletableFuture.failedFuture(new IllegalStateException("the verifier returned null"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Step 9: what the provider's answer, or its absence, means. */
    private Ending toEnding(VerificationOutcome outcome, Throwable failure, boolean outOfBand, Duration deadline, long calledAt,
            String requestId) {
        // A push past its time to live is over: an answer after it, even an approval, must not
        // count, however late the shared timer fires.
        if (outOfBand && ticker.read() - calledAt >= deadline.toNanos()) {
            return Ending.of(Reason.TIMED_OUT, "the push was not answered within " + OptionValues.format(deadline));
        }
        if (failure == null && outcome != null) {
            if (outcome instanceof VerificationOutcome.Rejected rejected) {
                return new Ending(new VerificationResult(rejected.reason(), messageFor(rejected.reason(), rejected.message()),
                        rejected.enrollmentUrl()), rejected.message());
            }
            return Ending.of(outcome.reason(), outcome.message());
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            return outOfBand
                    ? Ending.of(Reason.TIMED_OUT, "the push was not answered within " + OptionValues.format(deadline))
                    : Ending.of(Reason.PROVIDER_UNAVAILABLE, "the MFA provider gave no answer within " + OptionValues.format(deadline));
        }
        if (cause instanceof CancellationException) {
            LOG.warn("MFA-CORE-014 MFA verification {}: the provider's answer was cancelled", requestId);
            return Ending.of(Reason.PROVIDER_ERROR, "the MFA provider's answer was cancelled");
        }
        if (cause == null) {
            LOG.warn("MFA-CORE-014 MFA verification {}: the provider answered nothing", requestId);
            return Ending.of(Reason.PROVIDER_ERROR, "the MFA provider answered nothing");
        }
        // The class only: a provider's exception message could quote what it was sent.
        LOG.warn("MFA-CORE-014 MFA verification {}: the provider failed with {}", requestId, cause.getClass().getName());
        return Ending.of(Reason.PROVIDER_ERROR, "the MFA provider failed: " + cause.getClass().getSimpleName());
    }

    /**
     * Step 11: a configuration that fails open lets the login through when, and only when, no
     * answer could be had from its provider while the service is running. Never silently.
     */
    private Ending applyFailMode(Ending ending, MfaConfiguration configuration, String requestId, PrincipalId principal) {
        if (ending.reason() != Reason.PROVIDER_UNAVAILABLE || !CommonOptions.failsOpen(configuration)) {
            return ending;
        }
        if (verifiers.isClosed()) {
            LOG.warn("MFA-CORE-018 MFA verification {} for {}: provider unavailable while the MFA service was closing; configuration '{}'"
                    + " fails open, but a closing service fails closed", requestId, principal, configuration.name());
            return ending;
        }
        LOG.warn("MFA-CORE-017 MFA verification {} for {}: provider unavailable ({}); configuration '{}' fails open, so the login "
                + "is let through UNVERIFIED", requestId, principal, ending.result().message(), configuration.name());
        return Ending.of(Reason.FAIL_OPEN_BYPASS, "the MFA provider was unavailable and configuration '" + configuration.name()
                + "' fails open: " + ending.result().message());
    }

    /** Ends the verification before the provider is called: audits it, and says so to {@link #verify}. */
    private static EndedEarly end(VerificationAudit.Attempt attempt, Ending ending) {
        return new EndedEarly(attempt.end(ending.result(), ending.detail()));
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

    /**
     * The host's executor, or this thread when it refuses work (it is shutting down): a result
     * must still be settled and audited.
     */
    private static Executor inlineWhenRejected(Executor executor) {
        return task -> {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                task.run();
            }
        };
    }
}
