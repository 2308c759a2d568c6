package dev.mfa4j.core.internal;

import dev.mfa4j.api.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file's content so that a crash leaves the old content or the new, never a mix: the
 * bytes go to a temporary file in the same directory (owner-only permissions where the file
 * system has them), which is flushed to disk, renamed over the file in one atomic step, and
 * followed by a flush of the directory. The embedded file stores write through it.
 */
public final class AtomicFile {

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
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, file.getFileName().toString() + ".", ".tmp", ownerOnly());
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
