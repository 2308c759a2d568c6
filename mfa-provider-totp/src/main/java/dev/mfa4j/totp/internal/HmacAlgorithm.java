package dev.mfa4j.totp.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * The HMAC hash functions RFC 6238 section 1.2 allows, by the names the {@code Algorithm} option
 * and the {@code otpauth://} URI's {@code algorithm} parameter use.
 *
 * <p>Each has the secret length enrollment makes for it: 160 bits for SHA-1, as RFC 4226 section 4
 * recommends; the hash's output length for SHA-256 and SHA-512, because RFC 2104 section 3
 * discourages HMAC keys shorter than that (RFC 6238's own test secrets have those lengths).
 */
enum HmacAlgorithm {
    /** HMAC-SHA-1: what every authenticator app implements, and the default. */
    SHA1("HmacSHA1", 20),
    /** HMAC-SHA-256. */
    SHA256("HmacSHA256", 32),
    /** HMAC-SHA-512. */
    SHA512("HmacSHA512", 64);

    private final String macName;
    private final int secretBytes;

    HmacAlgorithm(String macName, int secretBytes) {
        this.macName = macName;
        this.secretBytes = secretBytes;
    }

    /** @return the {@link javax.crypto.Mac} name, such as {@code HmacSHA1} */
    String macName() {
        return macName;
    }

    /** @return how many random bytes a new secret for this algorithm has */
    int secretBytes() {
        return secretBytes;
    }

    /**
     * @param value an option or stored value, in any case, such as {@code sha256}
     * @return the algorithm, or empty if it names none
     */
    static Optional<HmacAlgorithm> parse(String value) {
        String upper = value.strip().toUpperCase(Locale.ROOT);
        for (HmacAlgorithm algorithm : values()) {
            if (algorithm.name().equals(upper)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
