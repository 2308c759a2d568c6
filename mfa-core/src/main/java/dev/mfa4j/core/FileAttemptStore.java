package dev.mfa4j.core;

import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.StoreUnavailableException;
import dev.mfa4j.api.spi.AttemptStore;
import dev.mfa4j.core.internal.AtomicFile;
import dev.mfa4j.core.internal.AttemptFile;
import dev.mfa4j.core.internal.AttemptFile.Claim;
import dev.mfa4j.core.internal.AttemptFile.Content;
import dev.mfa4j.core.internal.AttemptRecord;
import dev.mfa4j.core.internal.FileLocks;
import dev.mfa4j.core.internal.StorePaths;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * Keeps attempt state (failure counts and lockouts, used passcodes, pending pushes) in one JSON
 * file, so that it outlives the process: for command-line tools, where each login is a new
 * process and an in-memory count would reset every time, and for small hosts sharing one
 * machine. It behaves exactly as {@link InMemoryAttemptStore}.
 *
 * <ul>
 *   <li>The state belongs to the file the given path leads to: symbolic links and {@code ..} are
 *       resolved once, at {@link #open}, so a store opened through a link, or through another
 *       path to the same store file ({@link #besideStore}), counts the same attempts. A copy of
 *       a store file is another store, with attempt state of its own: keep store files where only
 *       their owner can read them.</li>
 *   <li>Every operation holds an OS file lock on {@code <file>.lock} (opened without following
 *       links; waited for at most the lock wait, 5 seconds unless told otherwise, then
 *       {@link StoreUnavailableException}, which a verification answers as
 *       {@code STORE_UNAVAILABLE}), reads the file, applies the change and, if anything changed,
 *       rewrites the file atomically (temporary file, flush, rename, directory flush). So each
 *       operation is one atomic step for every process and thread sharing the file, as
 *       {@link AttemptStore} requires. New files and directories are readable by their owner
 *       only; a temporary file left by a killed process is deleted at the next open or change.</li>
 *   <li>A file that is not a valid attempt file is refused with its path and what is wrong, at
 *       {@link #open} and by every operation (so verifications fail closed), and is never
 *       overwritten.</li>
 *   <li>Used passcodes are kept as mfa-core's keyed fingerprints, never as typed, and are dropped
 *       once their reuse window has passed; reading the file alone does not reveal them (see
 *       {@code MfaService.Builder#fingerprintKey}).</li>
 * </ul>
 *
 * <p>Each operation reads and writes the whole file, which suits a few thousand principals, not a
 * busy server; hosts with several nodes share a database or cache instead.
 *
 * <p>Thread safe.
 *
 * @since 0.1.0
 */
public final class FileAttemptStore implements AttemptStore {

    /** The suffix {@link #besideStore} adds to a store file's name. */
    public static final String SUFFIX = ".attempts";

    /** An operation's new content and its answer. */
    private record Change<T>(Content content, T answer) {
    }

    private static final String WHAT = "MFA attempt file";

    private final Path file;
    private final Path lockFile;
    private final Duration lockWait;

    private FileAttemptStore(Path file, Duration lockWait) {
        this.file = file;
        this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
        this.lockWait = lockWait;
        if (AtomicFile.hasLeftovers(file)) {
            FileLocks.ifFree(lockFile, WHAT, () -> AtomicFile.removeLeftovers(file));
        }
        AttemptFile.read(file);
    }

    /**
     * Opens an attempt file, checking it now; operations wait at most 5 seconds for the lock. A
     * missing file holds no attempts; it is created (with its directories) on the first change.
     *
     * @param file the attempt file, or a path leading to it through symbolic links
     * @return the store
     * @throws StoreException naming the file if it cannot be read or is not a valid attempt file
     */
    public static FileAttemptStore open(Path file) {
        return open(file, FileLocks.DEFAULT_WAIT);
    }

    /**
     * As {@link #open(Path)}, with a bound on how long an operation waits for another process's lock.
     *
     * @param file the attempt file, or a path leading to it through symbolic links
     * @param lockWait how long an operation waits for the lock before it fails with
     *     {@link StoreUnavailableException}; zero to try once
     * @return the store
     * @throws IllegalArgumentException if {@code lockWait} is negative
     * @throws StoreException naming the file if it cannot be read or is not a valid attempt file
     */
    public static FileAttemptStore open(Path file, Duration lockWait) {
        Objects.requireNonNull(file, "file");
        if (Objects.requireNonNull(lockWait, "lockWait").isNegative()) {
            throw new IllegalArgumentException("lockWait must not be negative");
        }
        return new FileAttemptStore(StorePaths.real(file, WHAT), lockWait);
    }

    /**
     * Opens the attempt file that belongs to a configuration store file: {@code <store file>.attempts}
     * beside the file the path leads to, whatever link or alias named it.
     *
     * @param storeFile the configuration store's file, such as {@code ~/.mfa4j/store.json}
     * @return the store
     * @throws StoreException naming the file if it cannot be read or is not a valid attempt file
     */
    public static FileAttemptStore besideStore(Path storeFile) {
        return besideStore(storeFile, FileLocks.DEFAULT_WAIT);
    }

    /**
     * As {@link #besideStore(Path)}, with a bound on how long an operation waits for the lock.
     *
     * @param storeFile the configuration store's file
     * @param lockWait how long an operation waits for the lock; zero to try once
     * @return the store
     * @throws StoreException naming the file if it cannot be read or is not a valid attempt file
     */
    public static FileAttemptStore besideStore(Path storeFile, Duration lockWait) {
        Path real = StorePaths.real(Objects.requireNonNull(storeFile, "storeFile"), "MFA store file");
        return open(real.resolveSibling(real.getFileName() + SUFFIX), lockWait);
    }

    /** @return the attempt file */
    public Path file() {
        return file;
    }

    private <T> T change(Function<Content, Change<T>> change) {
        return FileLocks.underLock(lockFile, WHAT, lockWait, () -> {
            AtomicFile.removeLeftovers(file);
            // Another process may have written since: the change always starts from disk.
            Content current = AttemptFile.read(file);
            Change<T> result = change.apply(current);
            if (!result.content().equals(current)) {
                AttemptFile.write(file, result.content());
            }
            return result.answer();
        });
    }

    private <T> T step(String key, Function<AttemptRecord, AttemptRecord.Step<T>> operation) {
        Objects.requireNonNull(key, "key");
        return change(content -> {
            AttemptRecord.Step<T> step = operation.apply(content.record(key));
            return new Change<>(content.with(key, step.record()), step.answer());
        });
    }

    private void update(String key, Function<AttemptRecord, AttemptRecord> operation) {
        step(key, record -> new AttemptRecord.Step<>(operation.apply(record), null));
    }

    @Override
    public Admission admit(String key, Instant now, int maxFailures, Duration coolDown) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(coolDown, "coolDown");
        return step(key, record -> record.admit(now, maxFailures, coolDown));
    }

    @Override
    public void refund(String key) {
        update(key, AttemptRecord::refunded);
    }

    @Override
    public void recordSuccess(String key) {
        update(key, AttemptRecord::succeeded);
    }

    @Override
    public boolean claimPasscode(String scope, String fingerprint, Instant now, Instant expiresAt) {
        Claim claim = new Claim(Objects.requireNonNull(scope, "scope"), Objects.requireNonNull(fingerprint, "fingerprint"));
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(expiresAt, "expiresAt");
        return change(content -> {
            // Forget what has expired on the way, so the file holds only live records.
            Content live = content.withoutExpiredClaims(now);
            if (!AttemptRecord.claimable(live.usedPasscodes().get(claim), now)) {
                return new Change<>(live, false);
            }
            return new Change<>(live.with(claim, expiresAt), true);
        });
    }

    @Override
    public void releasePasscode(String scope, String fingerprint) {
        Claim claim = new Claim(Objects.requireNonNull(scope, "scope"), Objects.requireNonNull(fingerprint, "fingerprint"));
        change(content -> new Change<>(content.with(claim, null), null));
    }

    @Override
    public PushAdmission admitPush(String key, String pushId, Instant now, int maxPushes, Duration window, Instant expiresAt) {
        Objects.requireNonNull(pushId, "pushId");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(expiresAt, "expiresAt");
        return step(key, record -> record.admitPush(pushId, now, maxPushes, window, expiresAt));
    }

    @Override
    public void endPush(String key, String pushId) {
        Objects.requireNonNull(pushId, "pushId");
        update(key, record -> record.pushEnded(pushId));
    }

    @Override
    public String toString() {
        return "FileAttemptStore[" + file + "]";
    }
}
