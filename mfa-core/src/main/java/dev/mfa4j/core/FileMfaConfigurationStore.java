package dev.mfa4j.core;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.StoreUnavailableException;
import dev.mfa4j.api.spi.MfaConfigurationStore;
import dev.mfa4j.core.internal.AtomicFile;
import dev.mfa4j.core.internal.FileLocks;
import dev.mfa4j.core.internal.StoreFile;
import dev.mfa4j.core.internal.StorePaths;
import dev.mfa4j.core.internal.StoreState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Keeps configurations and assignments in one JSON file, for command-line tools and small
 * single-node hosts.
 *
 * <ul>
 *   <li>The file is the one the given path leads to: symbolic links and {@code ..} are resolved
 *       once, at {@link #open}, so a change replaces that file (never the link), and its lock file
 *       ({@code <file>.lock}) sits beside it.</li>
 *   <li>Each change rewrites the file atomically (temporary file, flush, rename, directory flush),
 *       so a crash leaves the old content or the new, never a mix. A temporary file left by a
 *       killed process is deleted at the next open or change. New files and directories are
 *       readable by their owner only.</li>
 *   <li>A file that is not a valid store is refused at {@link #open} with its path and what is
 *       wrong, and is never overwritten.</li>
 *   <li>Several processes may share the file: changes hold an OS file lock on
 *       {@code <file>.lock} (opened without following links; waited for at most the lock wait,
 *       5 seconds unless told otherwise, then {@link StoreUnavailableException}) and re-read the
 *       file first, and reads notice a file another process replaced.</li>
 * </ul>
 *
 * <p>Secret option values are stored as given (plain text) and protected by the file's
 * permissions only.
 *
 * <p>Thread safe.
 *
 * @since 0.1.0
 */
public final class FileMfaConfigurationStore implements MfaConfigurationStore {

    private record Snapshot(StoreState state, Stamp stamp) {
    }

    /** What identifies one version of the file on disk; a replaced file has another. */
    private record Stamp(Object fileKey, FileTime modified, long size) {
        static final Stamp MISSING = new Stamp(null, null, -1);

        static Stamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
            } catch (NoSuchFileException e) {
                return MISSING;
            } catch (IOException e) {
                throw new StoreException("cannot read the MFA store file " + file + ": " + e.getClass().getSimpleName(), e);
            }
        }
    }

    private static final String WHAT = "MFA store file";

    private final Path file;
    private final Path lockFile;
    private final Duration lockWait;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Snapshot snapshot;

    private FileMfaConfigurationStore(Path file, Duration lockWait) {
        this.file = file;
        this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
        this.lockWait = lockWait;
        if (AtomicFile.hasLeftovers(file)) {
            FileLocks.ifFree(lockFile, WHAT, () -> AtomicFile.removeLeftovers(file));
        }
        this.snapshot = load();
    }

    /**
     * Opens a store file, reading it now; changes wait at most 5 seconds for the lock. A missing
     * file is an empty store, created on the first change (with its directories).
     *
     * @param file the store file, or a path leading to it through symbolic links
     * @return the store
     * @throws StoreException naming the file if it cannot be read or is not a valid store
     */
    public static FileMfaConfigurationStore open(Path file) {
        return open(file, FileLocks.DEFAULT_WAIT);
    }

    /**
     * As {@link #open(Path)}, with a bound on how long a change waits for another process's lock.
     *
     * @param file the store file, or a path leading to it through symbolic links
     * @param lockWait how long a change waits for the lock before it fails with
     *     {@link StoreUnavailableException}; zero to try once
     * @return the store
     * @throws IllegalArgumentException if {@code lockWait} is negative
     * @throws StoreException naming the file if it cannot be read or is not a valid store
     */
    public static FileMfaConfigurationStore open(Path file, Duration lockWait) {
        Objects.requireNonNull(file, "file");
        if (Objects.requireNonNull(lockWait, "lockWait").isNegative()) {
            throw new IllegalArgumentException("lockWait must not be negative");
        }
        return new FileMfaConfigurationStore(StorePaths.real(file, WHAT), lockWait);
    }

    /** @return the store file: the real path, symbolic links resolved */
    public Path file() {
        return file;
    }

    private Snapshot load() {
        Stamp before = Stamp.of(file);
        return new Snapshot(StoreFile.read(file), before);
    }

    private StoreState current() {
        Snapshot current = snapshot;
        if (current.stamp().equals(Stamp.of(file))) {
            return current.state();
        }
        lock.lock();
        try {
            if (!snapshot.stamp().equals(Stamp.of(file))) {
                snapshot = load();
            }
            return snapshot.state();
        } finally {
            lock.unlock();
        }
    }

    private <T> T change(Function<StoreState, StoreState.Change<T>> change) {
        lock.lock();
        try {
            return FileLocks.underLock(lockFile, WHAT, lockWait, () -> {
                AtomicFile.removeLeftovers(file);
                // Another process may have written since we last looked: always start from disk.
                Snapshot fresh = load();
                snapshot = fresh;
                StoreState.Change<T> result = change.apply(fresh.state());
                if (result.state() != fresh.state()) {
                    StoreFile.write(file, result.state());
                    snapshot = new Snapshot(result.state(), Stamp.of(file));
                }
                return result.answer();
            });
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<MfaConfiguration> findConfiguration(String name) {
        return Optional.ofNullable(current().configurations().get(Objects.requireNonNull(name, "name")));
    }

    @Override
    public List<MfaConfiguration> listConfigurations() {
        return current().configurationList();
    }

    @Override
    public MfaConfiguration createConfiguration(MfaConfiguration configuration) {
        Objects.requireNonNull(configuration, "configuration");
        return change(state -> state.create(configuration));
    }

    @Override
    public MfaConfiguration updateConfiguration(MfaConfiguration configuration, long expectedRevision) {
        Objects.requireNonNull(configuration, "configuration");
        return change(state -> state.update(configuration, expectedRevision));
    }

    @Override
    public long deleteConfiguration(String name, boolean removeAssignments) {
        Objects.requireNonNull(name, "name");
        return change(state -> state.delete(name, removeAssignments));
    }

    @Override
    public Optional<MfaAssignment> findAssignment(PrincipalId principal) {
        return Optional.ofNullable(current().assignments().get(Objects.requireNonNull(principal, "principal")));
    }

    @Override
    public Optional<MfaAssignment> putAssignment(MfaAssignment assignment) {
        Objects.requireNonNull(assignment, "assignment");
        return change(state -> state.putAssignment(assignment));
    }

    @Override
    public Optional<MfaAssignment> removeAssignment(PrincipalId principal) {
        Objects.requireNonNull(principal, "principal");
        return change(state -> state.removeAssignment(principal));
    }

    @Override
    public List<MfaAssignment> listAssignments() {
        return current().assignmentList();
    }

    @Override
    public long countAssignments(String configurationName) {
        return current().countAssignments(Objects.requireNonNull(configurationName, "configurationName"));
    }
}
