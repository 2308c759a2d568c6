package dev.mfa4j.core.internal;

import dev.mfa4j.api.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * Replaces a file's content so that a crash leaves the old content or the new, never a mix: the
 * bytes go to a temporary file in the same directory (owner-only permissions where the file
 * system has them), which is flushed to disk, renamed over the file in one atomic step, and
 * followed by a flush of the directory. The embedded file stores write through it.
 *
 * <p>A process killed between the temporary file and the rename leaves the temporary file behind,
 * holding what the file would have held, secrets included. Its name says whose it is
 * ({@code <file>.<digits>.mfa4j-tmp}), and {@link #removeLeftovers} deletes such files; the stores
 * call it under their lock, when no writer of theirs can be half-way.
 */
public final class AtomicFile {

    private static final String SUFFIX = ".mfa4j-tmp";
    /** Temporary files as releases before 0.1.0 named them ({@code <file>.<digits>.tmp}). */
    private static final String OLD_SUFFIX = ".tmp";

    private AtomicFile() {
    }

    /**
     * @param file the file to replace (created, with its directories, if missing)
     * @param bytes its new content
     * @param what what the file is, for messages, such as {@code "MFA store file"}
     * @throws StoreException naming the file if writing fails; the old content is then unchanged
     */
    public static void replace(Path file, byte[] bytes, String what) {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            StorePaths.createPrivateDirectories(directory);
            temporary = Files.createTempFile(directory, file.getFileName().toString() + ".", SUFFIX, ownerOnly());
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new StoreException("cannot replace the " + what + " " + file + " atomically on this file system", e);
            }
            temporary = null;
            syncDirectory(directory);
        } catch (IOException e) {
            throw new StoreException("cannot write the " + what + " " + file + ": " + e.getClass().getSimpleName()
                    + "; the previous content is unchanged", e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // the temporary file is harmless; the write already failed
                }
            }
        }
    }

    /**
     * Deletes the temporary files a killed writer of {@code file} left behind. Call it only while
     * holding the file's lock, so that no writer is half-way.
     *
     * @param file the file whose writers' leftovers to delete
     * @return how many were deleted
     * @throws StoreException naming the directory if it cannot be listed or a leftover deleted
     */
    public static int removeLeftovers(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (isLeftoverOf(file, entry.getFileName().toString()) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(entry);
                    removed++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("cannot remove the temporary files of " + file + ": " + e.getClass().getSimpleName(), e);
        }
        return removed;
    }

    /**
     * @param file a file written through this class
     * @return whether a temporary file of a writer of it is in its directory
     */
    public static boolean hasLeftovers(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.anyMatch(entry -> isLeftoverOf(file, entry.getFileName().toString()));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    static boolean isLeftoverOf(Path file, String name) {
        String prefix = file.getFileName().toString() + ".";
        if (!name.startsWith(prefix)) {
            return false;
        }
        String rest = name.substring(prefix.length());
        String digits = rest.endsWith(SUFFIX) ? rest.substring(0, rest.length() - SUFFIX.length())
                : rest.endsWith(OLD_SUFFIX) ? rest.substring(0, rest.length() - OLD_SUFFIX.length()) : "";
        return !digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** @return file attributes giving owner-only access, where the file system supports them */
    public static FileAttribute<?>[] ownerOnly() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        }
        return new FileAttribute<?>[0];
    }

    private static void syncDirectory(Path directory) {
        // Makes the rename itself durable. Not every platform can open a directory; there the
        // rename is as durable as the file system makes it.
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // see above
        }
    }
}
