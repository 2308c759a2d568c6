package dev.mfa4j.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the JSON file of {@code create -f} and {@code update -f}, refusing what is not a
 * configuration file before its content reaches the library.
 */
final class ConfigurationFile {

    /** As large as mfa-core accepts a configuration document. */
    static final int MAX_BYTES = 64 * 1024;

    private ConfigurationFile() {
    }

    /**
     * @param file the file
     * @return its text
     * @throws BadInputException naming the file: missing, a directory, unreadable, too large, not UTF-8
     */
    static String read(Path file) {
        String name = Printable.of(file.toString());
        try {
            if (Files.isDirectory(file)) {
                throw new BadInputException(name + ": is a directory, not a configuration file");
            }
            // The cap applies to what is read: a pipe or a device (/dev/zero) has no size to check first.
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                throw new BadInputException(name + ": is larger than " + MAX_BYTES + " bytes, the most a configuration file may have");
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new BadInputException(name + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new BadInputException(name + ": permission denied", e);
        } catch (CharacterCodingException e) {
            throw new BadInputException(name + ": is not UTF-8 text", e);
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
