package dev.mfa4j.core;

import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.spi.AttemptStore;
import dev.mfa4j.core.internal.AttemptFile;
import dev.mfa4j.core.internal.AttemptFile.Claim;
import dev.mfa4j.core.internal.AttemptFile.Content;
import dev.mfa4j.core.internal.AttemptRecord;
import dev.mfa4j.core.internal.FileLocks;
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
 *   <li>Every operation holds an OS file lock on {@code <file>.lock}, reads the file, applies the
 *       change and, if anything changed, rewrites the file atomically (temporary file, flush,
 *       rename, directory flush). So each operation is one atomic step for every process and
 *       thread sharing the file, as {@link AttemptStore} requires. New files are readable by their
 *       owner only.</li>
 *   <li>A file that is not a valid attempt file is refused with its path and what is wrong, at
 *       {@link #open} and by every operation (so verifications fail closed), and is never
 *       overwritten.</li>
 *   <li>Used passcodes are kept as mfa-core's one-way digests, never as typed, and are dropped
 *       once their reuse window has passed. A digest of a short passcode can be reversed by trying
 *       every code, but it is recorded only for passcodes already accepted, which are spent.</li>
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

    private final Path file;
    private final Path lockFile;

    private FileAttemptStore(Path file) {
        this.file = file;
        this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
        AttemptFile.read(file);
    }

    /**
     * Opens an attempt file, checking it now. A missing file holds no attempts; it is created
     * (with its directories) on the first change.
     *
     * @param file the attempt file
     * @return the store
     * @throws StoreException naming the file if it cannot be read or is not a valid attempt file
     */
    public static FileAttemptStore open(Path file) {
        return new FileAttemptStore(Objects.requireNonNull(file, "file").toAbsolutePath());
    }

    /**
     * Opens the attempt file that belongs to a configuration store file: {@code <store file>.attempts}
     * in the same directory.
     *
     * @param storeFile the configuration store's file, such as {@code ~/.mfa4j/store.json}
     * @return the store
     * @throws StoreException naming the file if it cannot be read or is not a valid attempt file
     */
    public static FileAttemptStore besideStore(Path storeFile) {
        Path absolute = Objects.requireNonNull(storeFile, "storeFile").toAbsolutePath();
        return open(absolute.resolveSibling(absolute.getFileName() + SUFFIX));
    }

    /** @return the attempt file */
    public Path file() {
        return file;
    }

    private <T> T change(Function<Content, Change<T>> change) {
        return FileLocks.underLock(lockFile, "MFA attempt file", () -> {
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
