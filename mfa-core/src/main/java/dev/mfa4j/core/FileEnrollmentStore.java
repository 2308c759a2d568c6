package dev.mfa4j.core;

import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.RevisionConflictException;
import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.StoreUnavailableException;
import dev.mfa4j.api.spi.EnrollmentStore;
import dev.mfa4j.api.spi.StoredEnrollment;
import dev.mfa4j.core.internal.AtomicFile;
import dev.mfa4j.core.internal.EnrollmentFile;
import dev.mfa4j.core.internal.FileLocks;
import dev.mfa4j.core.internal.StorePaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps principals' enrollments (TOTP secrets, recovery-code hashes) in one JSON file
 * ({@code mfa4j-enrollments/1}), for command-line tools and small hosts on one machine. It
 * follows the file stores' rules (see {@link FileMfaConfigurationStore}): the real file behind
 * links, resolved once; every change under an OS lock on {@code <file>.lock} (not followed, waited
 * for at most the lock wait), re-reading the file first and replacing it atomically; a killed
 * writer's temporary file removed at the next open or change; a file that is not valid refused
 * with its path and never overwritten; owner-only files and directories.
 *
 * <p>Secret values are as mfa-core gives them: sealed when the service has sealing keys, plain
 * otherwise (protected by the file's permissions only).
 *
 * <p>Each operation reads the whole file, which suits a few thousand principals. Thread safe.
 *
 * @since 0.1.0
 */
public final class FileEnrollmentStore implements EnrollmentStore {

    /** The suffix {@link #besideStore} adds to a store file's name. */
    public static final String SUFFIX = ".enrollments";
    private static final String WHAT = "MFA enrollment file";

    /** A change's new content and its answer. */
    private record Change<T>(List<StoredEnrollment> content, T answer) {
    }

    private final Path file;
    private final Path lockFile;
    private final Duration lockWait;

    private FileEnrollmentStore(Path file, Duration lockWait) {
        this.file = file;
        this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
        this.lockWait = lockWait;
        if (AtomicFile.hasLeftovers(file)) {
            FileLocks.ifFree(lockFile, WHAT, () -> AtomicFile.removeLeftovers(file));
        }
        EnrollmentFile.read(file);
    }

    /**
     * Opens an enrollment file, checking it now; changes wait at most 5 seconds for the lock. A
     * missing file holds nothing; it is created (with its directories) on the first change.
     *
     * @param file the enrollment file, or a path leading to it through symbolic links
     * @return the store
     * @throws StoreException naming the file if it cannot be read or is not a valid enrollment file
     */
    public static FileEnrollmentStore open(Path file) {
        return open(file, FileLocks.DEFAULT_WAIT);
    }

    /**
     * As {@link #open(Path)}, with a bound on how long a change waits for another process's lock.
     *
     * @param file the enrollment file, or a path leading to it through symbolic links
     * @param lockWait how long a change waits for the lock before it fails with
     *     {@link StoreUnavailableException}; zero to try once
     * @return the store
     * @throws IllegalArgumentException if {@code lockWait} is negative
     * @throws StoreException naming the file if it cannot be read or is not a valid enrollment file
     */
    public static FileEnrollmentStore open(Path file, Duration lockWait) {
        Objects.requireNonNull(file, "file");
        if (Objects.requireNonNull(lockWait, "lockWait").isNegative()) {
            throw new IllegalArgumentException("lockWait must not be negative");
        }
        return new FileEnrollmentStore(StorePaths.real(file, WHAT), lockWait);
    }

    /**
     * Opens the enrollment file that belongs to a configuration store file: {@code <store file>.enrollments}
     * beside the file the path leads to, whatever link or alias named it; changes wait at most 5
     * seconds for the lock.
     *
     * @param storeFile the configuration store's file, such as {@code ~/.mfa4j/store.json}
     * @return the store
     * @throws StoreException naming the file if it cannot be read or is not a valid enrollment file
     */
    public static FileEnrollmentStore besideStore(Path storeFile) {
        return besideStore(storeFile, FileLocks.DEFAULT_WAIT);
    }

    /**
     * As {@link #besideStore(Path)}, with a bound on how long a change waits for the lock.
     *
     * @param storeFile the configuration store's file, such as {@code ~/.mfa4j/store.json}
     * @param lockWait how long a change waits for the lock; zero to try once
     * @return the store
     * @throws StoreException naming the file if it cannot be read or is not a valid enrollment file
     */
    public static FileEnrollmentStore besideStore(Path storeFile, Duration lockWait) {
        Path real = StorePaths.real(Objects.requireNonNull(storeFile, "storeFile"), "MFA store file");
        return open(real.resolveSibling(real.getFileName() + SUFFIX), lockWait);
    }

    /** @return the enrollment file: the real path, symbolic links resolved */
    public Path file() {
        return file;
    }

    private <T> T change(Function<List<StoredEnrollment>, Change<T>> change) {
        return FileLocks.underLock(lockFile, WHAT, lockWait, () -> {
            AtomicFile.removeLeftovers(file);
            List<StoredEnrollment> current = EnrollmentFile.read(file);
            Change<T> result = change.apply(current);
            if (result.content() != current) {
                EnrollmentFile.write(file, result.content());
            }
            return result.answer();
        });
    }

    @Override
    public Optional<StoredEnrollment> find(PrincipalId principal, String slot) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(slot, "slot");
        return EnrollmentFile.read(file).stream().filter(e -> e.principal().equals(principal) && e.slot().equals(slot)).findFirst();
    }

    @Override
    public List<StoredEnrollment> list(PrincipalId principal) {
        Objects.requireNonNull(principal, "principal");
        return EnrollmentFile.read(file).stream().filter(e -> e.principal().equals(principal))
                .sorted(Comparator.comparing(StoredEnrollment::slot)).toList();
    }

    @Override
    public StoredEnrollment put(StoredEnrollment enrollment, long expectedRevision) {
        Objects.requireNonNull(enrollment, "enrollment");
        return change(current -> {
            List<StoredEnrollment> next = new ArrayList<>();
            long actual = 0;
            for (StoredEnrollment existing : current) {
                if (existing.principal().equals(enrollment.principal()) && existing.slot().equals(enrollment.slot())) {
                    actual = existing.revision();
                } else {
                    next.add(existing);
                }
            }
            if (actual != expectedRevision) {
                throw new RevisionConflictException("MFA enrollment of " + enrollment.principal() + " in slot", enrollment.slot(),
                        expectedRevision, actual);
            }
            StoredEnrollment stored = enrollment.withRevision(expectedRevision + 1);
            next.add(stored);
            return new Change<>(next, stored);
        });
    }

    @Override
    public boolean remove(PrincipalId principal, String slot, long expectedRevision) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(slot, "slot");
        return change(current -> {
            List<StoredEnrollment> next = current.stream().filter(e -> !(e.principal().equals(principal) && e.slot().equals(slot)
                    && e.revision() == expectedRevision)).toList();
            return next.size() == current.size() ? new Change<>(current, false) : new Change<>(next, true);
        });
    }

    @Override
    public int removeAll(PrincipalId principal) {
        Objects.requireNonNull(principal, "principal");
        return change(current -> {
            List<StoredEnrollment> next = current.stream().filter(e -> !e.principal().equals(principal)).toList();
            return next.size() == current.size() ? new Change<>(current, 0) : new Change<>(next, current.size() - next.size());
        });
    }

    @Override
    public String toString() {
        return "FileEnrollmentStore[" + file + "]";
    }
}
