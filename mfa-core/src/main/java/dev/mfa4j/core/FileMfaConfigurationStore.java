package dev.mfa4j.core;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.spi.MfaConfigurationStore;
import dev.mfa4j.core.internal.FileLocks;
import dev.mfa4j.core.internal.StoreFile;
import dev.mfa4j.core.internal.StoreState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
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
 *   <li>Each change rewrites the file atomically (temporary file, flush, rename, directory flush),
 *       so a crash leaves the old content or the new, never a mix. New files are readable by their
 *       owner only.</li>
 *   <li>A file that is not a valid store is refused at {@link #open} with its path and what is
 *       wrong, and is never overwritten.</li>
 *   <li>Several processes may share the file: changes hold an OS file lock on
 *       {@code <file>.lock} and re-read the file first, and reads notice a file another process
 *       replaced.</li>
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

    private final Path file;
    private final Path lockFile;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Snapshot snapshot;

    private FileMfaConfigurationStore(Path file) {
        this.file = file;
        this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
        this.snapshot = load();
    }

    /**
     * Opens a store file, reading it now. A missing file is an empty store, created on the first
     * change (with its directories).
     *
     * @param file the store file
     * @return the store
     * @throws StoreException naming the file if it cannot be read or is not a valid store
     */
    public static FileMfaConfigurationStore open(Path file) {
        return new FileMfaConfigurationStore(Objects.requireNonNull(file, "file").toAbsolutePath());
    }

    /** @return the store file */
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
            return FileLocks.underLock(lockFile, "MFA store file", () -> {
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
