package dev.mfa4j.examples.totp;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.Secret;
import dev.mfa4j.api.spi.HealthStatus;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;

/**
 * Verifies TOTP codes for one {@code example-totp} configuration revision.
 *
 * <p>A code is accepted if it equals the code of the current time step or of one up to
 * {@code Skew} steps before or after it (RFC 6238 section 5.2 recommends at most one step of
 * network delay; clocks drift too), and if no code of that step or a later one was accepted
 * before for the same user and configuration ({@link UsedSteps}).
 *
 * <p>The answer is computed on the calling thread and returned as a completed future: a handful of
 * HMACs on a local key, microseconds, with nothing to wait for. {@link #verify} never throws:
 * <ul>
 *   <li>the right code, first use: {@link Reason#APPROVED};</li>
 *   <li>a wrong code, a code of the wrong length, or a replay: {@link Reason#INVALID_PASSCODE};</li>
 *   <li>a provider user id with no entry in {@code Secrets}: {@link Reason#ENROLLMENT_REQUIRED};</li>
 *   <li>a keyword (this provider declares none, so mfa-core never sends one), a runtime without the
 *       HMAC algorithm, a verifier already closed, or a bug: {@link Reason#PROVIDER_ERROR}. Never
 *       {@link Reason#PROVIDER_UNAVAILABLE}: nothing here can be unreachable, and that reason is
 *       the one a fail-open configuration would let through.</li>
 * </ul>
 *
 * <p>Thread safe. {@link #close()} overwrites the secrets.
 */
final class TotpVerifier implements MfaVerifier {

    private static final long NO_MATCH = Long.MIN_VALUE;

    private final String configurationName;
    private final TotpGenerator generator;
    private final int skew;
    private final UserSecrets secrets;
    private final UsedSteps usedSteps;
    private final Clock clock;
    private volatile boolean closed;

    /**
     * @param configurationName the configuration's name, which scopes replay refusal
     * @param settings algorithm, digits and skew
     * @param secrets the users' secrets; this verifier owns them from now on
     * @param usedSteps the provider's record of accepted steps
     * @param clock the time source
     */
    TotpVerifier(String configurationName, TotpSettings settings, UserSecrets secrets, UsedSteps usedSteps, Clock clock) {
        this.configurationName = Objects.requireNonNull(configurationName, "configurationName");
        this.generator = new TotpGenerator(settings.algorithm(), settings.digits());
        this.skew = settings.skew();
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.usedSteps = Objects.requireNonNull(usedSteps, "usedSteps");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CompletableFuture<VerificationOutcome> verify(VerificationRequest request) {
        VerificationOutcome outcome;
        try {
            outcome = outcomeOf(request);
        } catch (RuntimeException e) {
            // The class only: no message of ours carries a secret, but a JCE one might quote a key length or more.
            outcome = VerificationOutcome.error("the TOTP check failed with " + e.getClass().getSimpleName(), null);
        }
        return CompletableFuture.completedFuture(outcome);
    }

    private VerificationOutcome outcomeOf(VerificationRequest request) {
        if (closed) {
            // PROVIDER_ERROR, not unavailable: a race with a configuration update must never fail open.
            return VerificationOutcome.error("this TOTP verifier is closed (its configuration changed or the service closed)", null);
        }
        if (!(request.credential() instanceof Credential.Passcode passcode)) {
            return VerificationOutcome.error("the totp provider takes passcodes only; it understands no keyword", null);
        }
        Optional<Secret> secret = secrets.secretOf(request.providerUserId());
        if (secret.isEmpty()) {
            return VerificationOutcome.rejected(Reason.ENROLLMENT_REQUIRED,
                    "configuration '" + configurationName + "' has no TOTP secret for this principal's provider user id");
        }
        if (passcode.digits().length() != generator.digits()) {
            return VerificationOutcome.rejected(Reason.INVALID_PASSCODE, "incorrect passcode: this configuration's codes have "
                    + generator.digits() + " digits");
        }
        long now = TotpGenerator.stepAt(clock.instant());
        long matched;
        try {
            matched = matchingStep(secret.get(), passcode.digits().getBytes(StandardCharsets.US_ASCII), now);
        } catch (GeneralSecurityException e) {
            return VerificationOutcome.error("this Java runtime cannot compute " + generator.algorithm().macName() + " ("
                    + e.getClass().getSimpleName() + ")", null);
        }
        if (matched == NO_MATCH) {
            return VerificationOutcome.rejected(Reason.INVALID_PASSCODE, "incorrect passcode");
        }
        if (!usedSteps.claim(configurationName, request.providerUserId(), matched, now)) {
            return VerificationOutcome.rejected(Reason.INVALID_PASSCODE,
                    "passcode refused: a code of this time step or a later one was already accepted (replay)");
        }
        return VerificationOutcome.approved("passcode accepted (time step offset " + (matched - now) + ")");
    }

    /** @return the latest step in the window whose code is {@code typed}, or {@link #NO_MATCH} */
    private long matchingStep(Secret secret, byte[] typed, long now) throws GeneralSecurityException {
        char[] text = secret.chars();
        byte[] key = null;
        try {
            key = Base32.decode(text);
            Mac mac = generator.keyed(key);
            long matched = NO_MATCH;
            // Every step of the window is computed and compared, whatever matched, so the time taken
            // does not tell which step (or whether any) matched.
            for (long step = now - skew; step <= now + skew; step++) {
                if (MessageDigest.isEqual(generator.codeAt(mac, step).getBytes(StandardCharsets.US_ASCII), typed)) {
                    matched = step;
                }
            }
            return matched;
        } finally {
            Arrays.fill(text, '\0');
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    /**
     * @return {@link HealthStatus.State#HEALTHY} if this runtime computes the configured HMAC (there
     *     is nothing remote to reach), unhealthy if it cannot, unknown once closed
     */
    @Override
    public CompletableFuture<HealthStatus> health() {
        if (closed) {
            return CompletableFuture.completedFuture(new HealthStatus(HealthStatus.State.UNKNOWN, "this TOTP verifier is closed",
                    Duration.ZERO));
        }
        Instant started = clock.instant();   // the latency is read on the verifier's clock, as its codes are
        HealthStatus.State state;
        String message;
        try {
            Mac.getInstance(generator.algorithm().macName());
            state = HealthStatus.State.HEALTHY;
            message = "TOTP codes are computed locally with " + generator.algorithm().macName() + "; " + secrets.size()
                    + " users have a secret";
        } catch (GeneralSecurityException e) {
            state = HealthStatus.State.UNHEALTHY;
            message = "this Java runtime cannot compute " + generator.algorithm().macName();
        }
        return CompletableFuture.completedFuture(new HealthStatus(state, message, Duration.between(started, clock.instant())));
    }

    /**
     * Marks the verifier closed and overwrites the secrets. A verification racing with this
     * answers {@link Reason#PROVIDER_ERROR} (never a wrong approval); the user simply tries again.
     */
    @Override
    public void close() {
        closed = true;
        secrets.destroy();
    }

    /** @return the configuration name and settings; never a secret or a user name */
    @Override
    public String toString() {
        return "TotpVerifier[configuration=" + configurationName + ", algorithm=" + generator.algorithm() + ", digits="
                + generator.digits() + ", skew=" + skew + ", users=" + secrets.size() + "]";
    }
}
