package dev.mfa4j.core.internal;

import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.StoreUnavailableException;
import dev.mfa4j.api.spi.Ticker;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs a change to a file while holding an OS lock on a sibling lock file, so that processes
 * sharing the file take turns. An OS lock belongs to the whole JVM (a second one on the same file
 * from this JVM fails), so threads, and several store objects on one file, first take turns on
 * a lock per lock file held here.
 *
 * <p>Both waits are bounded: a process that holds the lock too long makes the change fail with a
 * {@link StoreUnavailableException}, rather than stall every login behind it. The lock file is
 * opened without following symbolic links, so a link planted in its place cannot make the store
 * create or truncate a file elsewhere.
 */
public final class FileLocks {

    /** How long a change waits for the lock unless told otherwise. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();
    private static final long FIRST_PAUSE_MILLIS = 5;
    private static final long LONGEST_PAUSE_MILLIS = 100;

    private FileLocks() {
    }

    /**
     * @param lockFile the lock file, created (owner-only, with owner-only directories) if missing
     * @param what what the locked file is, for messages, such as {@code "MFA store file"}
     * @param wait how long to wait for the lock, in this JVM and from other processes together
     * @param action the change, run while both locks are held
     * @param <T> what the change answers
     * @return what the change answered
     * @throws StoreUnavailableException if the lock was not had within {@code wait}
     * @throws StoreException naming the lock file if it cannot be created or locked, or is a
     *     symbolic link
     */
    public static <T> T underLock(Path lockFile, String what, Duration wait, Supplier<T> action) {
        Ticker ticker = Ticker.system();
        long deadline = ticker.read() + wait.toNanos();
        ReentrantLock local = IN_THIS_JVM.computeIfAbsent(lockFile.toAbsolutePath().normalize(), path -> new ReentrantLock());
        try {
            if (!local.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(lockFile, what, wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the lock of the " + what + " " + lockFile, e);
        }
        try {
            StorePaths.createPrivateDirectories(lockFile.toAbsolutePath().getParent());
            if (Files.isSymbolicLink(lockFile)) {
                throw new StoreException("the lock file " + lockFile + " of the " + what + " is a symbolic link; it is not followed "
                        + "(remove it if you did not make it)");
            }
            try (FileChannel channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS), AtomicFile.ownerOnly())) {
                FileLock held = lockWithin(channel, ticker, deadline);
                if (held == null) {
                    throw busy(lockFile, what, wait);
                }
                try {
                    return action.get();
                } finally {
                    held.release();
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot lock the " + what + " " + lockFile + ": " + e.getClass().getSimpleName(), e);
        } finally {
            local.unlock();
        }
    }

    /**
     * Runs an action under the lock if it can be had at once, and skips it otherwise; for tidying
     * that can wait for the next change.
     *
     * @param lockFile the lock file; nothing is created if its directory does not exist
     * @param what what the locked file is, for messages
     * @param action what to run
     * @return whether it ran
     */
    public static boolean ifFree(Path lockFile, String what, Runnable action) {
        if (!Files.isDirectory(lockFile.toAbsolutePath().getParent())) {
            return false;
        }
        try {
            underLock(lockFile, what, Duration.ZERO, () -> {
                action.run();
                return null;
            });
            return true;
        } catch (StoreUnavailableException e) {
            return false;
        }
    }

    /** Polls {@code tryLock}: {@code lock()} would wait without a bound. */
    private static FileLock lockWithin(FileChannel channel, Ticker ticker, long deadline) throws IOException {
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            FileLock held = channel.tryLock();
            if (held != null) {
                return held;
            }
            long left = deadline - ticker.read();
            if (left <= 0) {
                return null;
            }
            try {
                Thread.sleep(Math.min(pause, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
        }
    }

    private static StoreUnavailableException busy(Path lockFile, String what, Duration wait) {
        return new StoreUnavailableException("the " + what + " is locked by another process or thread (" + lockFile + "); gave up after "
                + wait.toMillis() + " ms");
    }
}
