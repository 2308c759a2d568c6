package dev.mfa4j.core.internal;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.RevisionConflictException;
import dev.mfa4j.api.SealedSecretException;
import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.spi.EnrollmentData;
import dev.mfa4j.api.spi.StoredEnrollment;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a recovery code typed at the MFA prompt, and uses it up. A check costs an Argon2id hash
 * (tens of milliseconds, by design), so it runs on a few threads of its own, never on the caller's
 * and never unbounded: a flood of checks beyond the queue answers {@link Reason#RATE_LIMITED}.
 *
 * <p>Using a code up is a write conditional on the revision the check read, so a code typed on two
 * nodes at once logs in once. Thread safe.
 */
public final class RecoveryCodeChecks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecoveryCodeChecks.class);
    private static final int THREADS = 2;
    private static final int QUEUE = 256;
    /** Conflicts survived while using up a code: each is another node changing the set meanwhile. */
    private static final int MAX_TRIES = 5;

    /**
     * How a check ended.
     *
     * @param reason {@code APPROVED}, {@code INVALID_PASSCODE}, {@code STORE_UNAVAILABLE},
     *     {@code CONFIGURATION_ERROR} or {@code RATE_LIMITED}
     * @param detail for the audit event: never which code
     */
    public record Checked(Reason reason, String detail) {
    }

    private final GuardedEnrollmentStore store;
    private final SecretSealer sealer;
    private final RecoveryCodeBook book;
    private final Clock clock;
    private final ThreadPoolExecutor threads;

    /**
     * @param store where recovery codes are kept
     * @param sealer opens their sealed hashes
     * @param book checks codes against hashes
     * @param clock the time for the record's update
     */
    public RecoveryCodeChecks(GuardedEnrollmentStore store, SecretSealer sealer, RecoveryCodeBook book, Clock clock) {
        this.store = store;
        this.sealer = sealer;
        this.book = book;
        this.clock = clock;
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), runnable -> {
            Thread thread = new Thread(runnable, "mfa4j-recovery-codes-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.threads.allowCoreThreadTimeOut(true);
    }

    /**
     * @param principal whose code it is (the assignment's canonical principal)
     * @param typed the code
     * @return how the check ended; never completes exceptionally
     */
    public CompletableFuture<Checked> check(PrincipalId principal, Credential.RecoveryCode typed) {
        try {
            return CompletableFuture.supplyAsync(() -> checkNow(principal, typed), threads);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(new Checked(Reason.RATE_LIMITED, "too many recovery codes are being checked at once"));
        }
    }

    private Checked checkNow(PrincipalId principal, Credential.RecoveryCode typed) {
        try {
            for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
                Optional<StoredEnrollment> stored = store.find(principal, EnrollmentSlots.RECOVERY_CODES);
                if (stored.isEmpty()) {
                    book.match(typed, new EnrollmentData(java.util.Map.of(), java.util.Set.of()));   // the same cost either way
                    return new Checked(Reason.INVALID_PASSCODE, "a recovery code was typed, but the principal has none");
                }
                EnrollmentData set = sealer.open(stored.get());
                Optional<String> entry = book.match(typed, set);
                if (entry.isEmpty()) {
                    return new Checked(Reason.INVALID_PASSCODE, "a recovery code was typed that is not one of the principal's unused codes");
                }
                EnrollmentData left = RecoveryCodeBook.without(set, entry.get());
                try {
                    store.put(sealer.seal(new StoredEnrollment(principal, EnrollmentSlots.RECOVERY_CODES, left, 0, clock.instant())),
                            stored.get().revision());
                    return new Checked(Reason.APPROVED, "a recovery code was used; " + RecoveryCodeBook.remaining(left) + " left");
                } catch (RevisionConflictException e) {
                    // Changed meanwhile (maybe this very code, on another node): read again.
                }
            }
            return new Checked(Reason.STORE_UNAVAILABLE, "the recovery codes kept changing while this one was used");
        } catch (SealedSecretException e) {
            LOG.warn("MFA-CORE-019 the recovery codes of {} cannot be opened: {}", principal, e.getMessage());
            return new Checked(Reason.CONFIGURATION_ERROR, "the principal's recovery codes cannot be opened");
        } catch (StoreException e) {
            LOG.warn("MFA-CORE-019 checking a recovery code of {} failed closed: {}", principal, e.getMessage());
            return new Checked(Reason.STORE_UNAVAILABLE, "the enrollment store failed");
        } catch (RuntimeException e) {
            LOG.warn("MFA-CORE-019 checking a recovery code of {} failed with {}", principal, e.getClass().getName());
            return new Checked(Reason.STORE_UNAVAILABLE, "checking the recovery code failed");
        }
    }

    /** Stops taking checks; those queued still run. */
    @Override
    public void close() {
        threads.shutdown();
    }
}
