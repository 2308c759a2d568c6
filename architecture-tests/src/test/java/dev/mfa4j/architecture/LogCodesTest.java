package dev.mfa4j.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What an operator reads carries a stable code: every INFO, WARN and ERROR line the library logs
 * starts with {@code MFA-<MODULE>-<three digits>}, the module's own prefix (DEBUG lines, for
 * developers, need none). The codes are listed in docs/providers/duo.md for the Duo provider.
 */
class LogCodesTest {

    /** Library modules and the prefix of their codes. */
    private static final Map<String, String> PREFIXES = Map.of(
            "mfa-core", "MFA-CORE-", "mfa-provider-duo", "MFA-DUO-", "mfa-store-jdbc", "MFA-JDBC-");

    /** A log call at INFO or above and the start of its message, whatever line it is on. */
    private static final Pattern OPERATOR_LOG = Pattern.compile("\\bLOG\\.(info|warn|error)\\(\\s*\"([^\"]*)");

    @Test
    void everyInfoWarnAndErrorLineStartsWithItsModulesCode() {
        Path root = Path.of(System.getProperty("bom.path")).toAbsolutePath().getParent().getParent();
        List<String> uncoded = new ArrayList<>();
        int coded = 0;
        for (Map.Entry<String, String> module : PREFIXES.entrySet()) {
            Pattern code = Pattern.compile(Pattern.quote(module.getValue()) + "\\d{3} .*");
            for (Path source : sources(root.resolve(module.getKey()).resolve("src/main/java"))) {
                Matcher m = OPERATOR_LOG.matcher(read(source));
                while (m.find()) {
                    if (code.matcher(m.group(2)).matches()) {
                        coded++;
                    } else {
                        uncoded.add(root.relativize(source) + ": " + m.group(1) + " \"" + m.group(2) + "\"");
                    }
                }
            }
        }

        assertThat(uncoded).isEmpty();
        assertThat(coded).as("log lines found at all").isGreaterThan(20);
    }

    private static List<Path> sources(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
