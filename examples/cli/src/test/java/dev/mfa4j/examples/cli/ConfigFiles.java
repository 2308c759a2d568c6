package dev.mfa4j.examples.cli;

import dev.mfa4j.testkit.duo.DuoSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Configuration files as a user would write them for {@code create -f} and {@code update -f}. */
final class ConfigFiles {

    static final String IKEY = "DIWJ8X6AEYOR5OMC6TQ1";
    static final String SKEY = "Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep";

    private ConfigFiles() {
    }

    /** A Duo configuration that is valid but never contacted (management commands do not call Duo). */
    static String duo(String name, String host) {
        return "{\"Type\": \"duo\", \"Name\": \"" + name + "\", \"Options\": {\"Host\": \"" + host + "\", \"IntegrationKey\": \"" + IKEY
                + "\", \"SecretKey\": \"" + SKEY + "\"}}";
    }

    /** A Duo configuration pointing at the simulator, trusting its certificate only, with option keys in lower case (they match without regard to case). */
    static String duo(String name, DuoSimulator duo, boolean verifiedPush) {
        return "{\"type\": \"duo\", \"name\": \"" + name + "\", \"options\": {\"Host\": \"" + duo.host() + "\", \"IntegrationKey\": \""
                + duo.integration().integrationKey() + "\", \"SecretKey\": \"" + duo.integration().secretKey() + "\", \"VerifiedPush\": \""
                + (verifiedPush ? "on" : "off") + "\", \"CaCertificates\": \"" + duo.certificatePem().replace("\n", "\\n") + "\"}}";
    }

    static Path write(Path directory, String fileName, String content) {
        try {
            return Files.writeString(directory.resolve(fileName), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
