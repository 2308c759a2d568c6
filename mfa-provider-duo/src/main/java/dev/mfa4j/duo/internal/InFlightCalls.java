package dev.mfa4j.duo.internal;

import dev.mfa4j.api.spi.VerificationOutcome;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of one verifier in flight, and its close: a closed verifier takes no new call, lets
 * the ones in flight finish, and releases its resources (the secret key, its own pool) once the
 * last one has. Every call runs guarded: a bug in a flow becomes a provider error, so the future a
 * caller gets never fails. Thread safe.
 */
final class InFlightCalls {

    private static final Logger LOG = LoggerFactory.getLogger(InFlightCalls.class);

    private final String configuration;
    private final Runnable release;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean closed;

    /**
     * @param configuration the configuration's name, for messages
     * @param release run once, when the verifier is closed and nothing is in flight; must not throw
     */
    InFlightCalls(String configuration, Runnable release) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.release = Objects.requireNonNull(release, "release");
    }

    /**
     * Runs a flow as a call in flight.
     *
     * @param flow starts the flow on this thread, up to its first I/O, and returns its future
     * @param what what the flow is, for messages ("verification", "health check")
     * @return the flow's outcome; a provider error if the verifier is closed, the flow threw, or
     *     its future failed or gave nothing
     */
    CompletableFuture<VerificationOutcome> run(Supplier<CompletableFuture<VerificationOutcome>> flow, String what) {
        inFlight.incrementAndGet();
        if (closed) {
            finished();
            // Closed is no outage: mfa-core never calls a verifier it closed, so this is a bug, and fails closed.
            return CompletableFuture.completedFuture(
                    VerificationOutcome.error("this revision of MFA configuration '" + configuration + "' was closed", null));
        }
        CompletableFuture<VerificationOutcome> result;
        try {
            // On the caller's thread up to HttpClient.sendAsync: building and signing the first
            // request takes microseconds and no I/O, and sendAsync itself starts the exchange (DNS,
            // connect, TLS) on the verifier's executor. A hop to the executor here cost a task
            // hand-off per verification and gained nothing.
            result = flow.get();
            if (result == null) {
                result = CompletableFuture.failedFuture(new IllegalStateException("a flow returned no future"));
            }
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.handle((outcome, failure) -> {
            finished();
            if (failure == null && outcome != null) {
                return outcome;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            LOG.warn("MFA-DUO-021 the duo {} for configuration '{}' failed with {}", what, configuration,
                    cause == null ? "no outcome" : cause.getClass().getName());
            return VerificationOutcome.error("the duo " + what + " failed: "
                    + (cause == null ? "no outcome" : cause.getClass().getSimpleName()), cause);
        });
    }

    /** Takes no new call; the release follows once nothing is in flight. Never throws. */
    void close() {
        closed = true;
        releaseIfIdle();
    }

    private void finished() {
        inFlight.decrementAndGet();
        releaseIfIdle();
    }

    private void releaseIfIdle() {
        if (closed && inFlight.get() == 0 && released.compareAndSet(false, true)) {
            release.run();
        }
    }
}
