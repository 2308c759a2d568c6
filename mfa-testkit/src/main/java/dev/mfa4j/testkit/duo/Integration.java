package dev.mfa4j.testkit.duo;

import dev.mfa4j.testkit.duo.internal.Ids;
import java.util.Objects;

/**
 * A Duo Auth API integration registered with the simulator: the integration key (ikey) clients
 * name in their {@code Authorization} header and the secret key (skey) they sign with.
 * Immutable and thread-safe. {@link #toString()} never shows the secret key.
 *
 * @param integrationKey the ikey, e.g. {@code DIWJ8X6AEYOR5OMC6TQ1}; not blank
 * @param secretKey      the skey; not blank (Duo's are 40 letters and digits, but any text is
 *                       accepted so that published test vectors can be replayed)
 * @param name           a label for logs and reports; not null
 * @since 0.1.0
 */
public record Integration(String integrationKey, String secretKey, String name) {

    /**
     * @param integrationKey the ikey, e.g. {@code DIWJ8X6AEYOR5OMC6TQ1}; not blank
     * @param secretKey the skey; not blank (Duo's are 40 letters and digits, but any text is
     *                           accepted so that published test vectors can be replayed)
     * @param name a label for logs and reports; not null
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if a key is blank
     */
    public Integration {
        Objects.requireNonNull(integrationKey, "integrationKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(name, "name");
        if (integrationKey.isBlank() || integrationKey.contains(":")) {
            throw new IllegalArgumentException("integrationKey must be non-blank and free of ':'");
        }
        if (secretKey.isBlank()) {
            throw new IllegalArgumentException("secretKey must not be blank");
        }
    }

    /**
     * An integration with the given keys and the name {@code "integration"}.
     *
     * @param integrationKey the integration key (ikey)
     * @param secretKey the secret key (skey)
     * @return the integration
     */
    public static Integration of(String integrationKey, String secretKey) {
        return new Integration(integrationKey, secretKey, "integration");
    }

    /**
     * A fresh integration with realistic random keys: {@code DI} plus 18 upper-case letters and
     * digits, and a 40-character secret key.
     *
     * @param name a name for the integration, shown in messages
     * @return a new integration with random keys
     */
    public static Integration random(String name) {
        return new Integration("DI" + Ids.randomUpperAlnum(18), Ids.randomAlnum(40), name);
    }

    @Override
    public String toString() {
        return "Integration[integrationKey=" + integrationKey + ", secretKey=****, name=" + name + "]";
    }
}
