package dev.mfa4j.core.internal;

import dev.mfa4j.api.StoreException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where a file store really is. A store named through a symbolic link, a {@code ..} or a relative
 * path is the file those lead to: resolved once, when the store is opened, so that writes replace
 * that file (not the link) and its lock and attempt files sit beside it, whatever path named it.
 */
public final class StorePaths {

    /** Symbolic links followed at most, as the operating systems' own limit. */
    private static final int MAX_LINKS = 40;

    private StorePaths() {
    }

    /**
     * @param file a store file as given, which may not exist yet
     * @param what what the file is, for messages
     * @return the absolute path of the file it names, every symbolic link on the way resolved
     * @throws StoreException naming the path if the links loop or cannot be read
     */
    public static Path real(Path file, String what) {
        Path current = file.toAbsolutePath().normalize();
        try {
            for (int links = 0; links <= MAX_LINKS; links++) {
                if (Files.isSymbolicLink(current)) {
                    // A link whose target does not exist yet still names where the store will be.
                    current = current.resolveSibling(Files.readSymbolicLink(current)).toAbsolutePath().normalize();
                    continue;
                }
                Path parent = current.getParent();
                Path realParent = parent == null ? null : realExistingAncestor(parent);
                return realParent == null ? current : realParent.resolve(current.getFileName());
            }
        } catch (IOException e) {
            throw new StoreException("cannot resolve the " + what + " " + file + ": " + e.getClass().getSimpleName(), e);
        }
        throw new StoreException("the " + what + " " + file + " leads through more than " + MAX_LINKS + " symbolic links");
    }

    /** The real path of a directory, as far as it exists; the missing rest appended as given. */
    private static Path realExistingAncestor(Path directory) throws IOException {
        if (Files.exists(directory)) {
            return directory.toRealPath();
        }
        Path parent = directory.getParent();
        if (parent == null) {
            return directory;
        }
        return realExistingAncestor(parent).resolve(directory.getFileName());
    }

    /**
     * Creates the missing directories of a path, readable by their owner only where the file
     * system has permissions.
     *
     * @param directory the directory that must exist
     * @throws IOException if one cannot be created
     */
    public static void createPrivateDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.getParent();
        if (parent != null) {
            createPrivateDirectories(parent);
        }
        try {
            Files.createDirectory(directory, ownerOnlyDirectory());
        } catch (java.nio.file.FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(directory)) {
                throw e;
            }
        }
    }

    private static FileAttribute<?>[] ownerOnlyDirectory() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))};
        }
        return new FileAttribute<?>[0];
    }
}
