package dev.mfa4j.api.spi;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Verifies credentials against one provider configuration, at one revision. Made by
 * {@link MfaProvider#open}; mfa-core keeps one per configuration revision and shares it across
 * threads.
 *
 * <p>Lifecycle: mfa-core calls {@link #verify} and {@link #health} from any thread, concurrently.
 * It calls {@link #close()} once, when the configuration is updated or deleted, or when the service
 * closes; verifications already started may still be running then, and should be let finish (or
 * be completed as unavailable) before resources they use are released.
 *
 * @since 0.1.0
 */
public interface MfaVerifier extends AutoCloseable {

    /**
     * Verifies one credential.
     *
     * <p>Must not block the calling thread on the network or on the user: return a future and
     * complete it from the provider's own I/O threads. Must not throw: every failure, including a
     * bug, is an outcome ({@link VerificationOutcome#unavailable} or
     * {@link VerificationOutcome#error}). mfa-core treats a thrown exception or an exceptionally
     * completed future as {@link dev.mfa4j.api.Reason#PROVIDER_ERROR}, and a future that never
     * completes as unavailable once its own deadline passes; the verifier should time out well
     * before that.
     *
     * @param request who, with what credential, in what context; never null
     * @return the outcome, completed on a provider thread or already complete
     */
    CompletableFuture<VerificationOutcome> verify(VerificationRequest request);

    /**
     * Checks that the provider is reachable and accepts this configuration's credentials. The
     * default answers {@link HealthStatus.State#UNKNOWN}.
     *
     * @return the status; must not throw
     */
    default CompletableFuture<HealthStatus> health() {
        return CompletableFuture.completedFuture(new HealthStatus(HealthStatus.State.UNKNOWN,
                "this provider cannot check its health", Duration.ZERO));
    }

    /**
     * How long a passcode this verifier accepts can be accepted at all, if the provider knows: a
     * TOTP code is good for its window of steps (three 30-second steps by default: 90 seconds).
     * mfa-core refuses an accepted passcode presented again for at least this long, even where
     * the host's reuse window ({@code AttemptPolicy.passcodeReuseWindow}) is shorter, so a code
     * cannot be replayed late in its life. Values above 24 hours are held for 24 hours.
     *
     * <p>The default is empty: the provider itself refuses a reused passcode (Duo does), or its
     * passcodes do not expire; the host's reuse window applies. Called once when the verifier is
     * opened; must not throw (a failure is treated as empty).
     *
     * @return the longest time one passcode can be accepted, or empty
     * @since 0.1.0
     */
    default Optional<Duration> passcodeLifetime() {
        return Optional.empty();
    }

    /** Releases what this verifier holds. Called once; must not throw. The default does nothing. */
    @Override
    default void close() {
    }
}
