package dev.mfa4j.core.internal;

import dev.mfa4j.api.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs a change to a file while holding an OS lock on a sibling lock file, so that processes
 * sharing the file take turns. An OS lock belongs to the whole JVM (a second one on the same file
 * from this JVM fails), so threads, and several store objects on one file, first take turns on
 * a lock per lock file held here.
 */
public final class FileLocks {

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private FileLocks() {
    }

    /**
     * @param lockFile the lock file, created (owner-only, with its directories) if missing
     * @param what what the locked file is, for messages, such as {@code "MFA store file"}
     * @param action the change, run while both locks are held
     * @param <T> what the change answers
     * @return what the change answered
     * @throws StoreException naming the lock file if it cannot be created or locked
     */
    public static <T> T underLock(Path lockFile, String what, Supplier<T> action) {
        ReentrantLock local = IN_THIS_JVM.computeIfAbsent(lockFile.toAbsolutePath().normalize(), path -> new ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(lockFile.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    AtomicFile.ownerOnly())) {
                FileLock held = channel.lock();
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
}
