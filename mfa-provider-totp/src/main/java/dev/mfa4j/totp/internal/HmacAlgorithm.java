package dev.mfa4j.totp.internal;

import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;

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

    private static final HmacAlgorithm[] VALUES = values();

    private final String macName;
    private final int secretBytes;
    /** An unkeyed Mac to clone, so a verification skips the provider lookup; null if the runtime has none or it cannot be cloned. */
    private final Mac prototype;

    HmacAlgorithm(String macName, int secretBytes) {
        this.macName = macName;
        this.secretBytes = secretBytes;
        this.prototype = prototype(macName);
    }

    private static Mac prototype(String macName) {
        try {
            Mac mac = Mac.getInstance(macName);
            mac.clone();   // SunJCE's HMACs can be cloned; a provider whose cannot gets getInstance each time
            return mac;
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            return null;
        }
    }

    /**
     * @return a new, unkeyed {@link Mac} of this algorithm; not thread safe
     * @throws GeneralSecurityException if the runtime lacks it
     */
    Mac newMac() throws GeneralSecurityException {
        if (prototype != null) {
            try {
                return (Mac) prototype.clone();
            } catch (CloneNotSupportedException e) {
                // cannot happen: cloning was tried when the prototype was made
            }
        }
        return Mac.getInstance(macName);
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
        // Stored enrollments hold the exact names: no case folding on the verification path.
        for (HmacAlgorithm algorithm : VALUES) {
            if (algorithm.name().equals(value)) {
                return Optional.of(algorithm);
            }
        }
        String upper = value.strip().toUpperCase(Locale.ROOT);
        for (HmacAlgorithm algorithm : VALUES) {
            if (algorithm.name().equals(upper)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
