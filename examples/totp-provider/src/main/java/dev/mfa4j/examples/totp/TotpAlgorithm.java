package dev.mfa4j.examples.totp;

import java.util.Locale;

/**
 * The HMAC hash functions RFC 6238 section 1.2 allows for TOTP, by the names the {@code Algorithm}
 * option and {@code otpauth://} URIs use. SHA-1 is the default because it is what most
 * authenticator apps implement; HMAC-SHA-1 is not weakened by SHA-1's collision attacks.
 */
enum TotpAlgorithm {
    /** HMAC-SHA-1, the RFC 4226 (HOTP) function and the usual default. */
    SHA1("HmacSHA1"),
    /** HMAC-SHA-256. */
    SHA256("HmacSHA256"),
    /** HMAC-SHA-512. */
    SHA512("HmacSHA512");

    private final String macName;

    TotpAlgorithm(String macName) {
        this.macName = macName;
    }

    /**
     * @return the {@link javax.crypto.Mac} algorithm name, such as {@code HmacSHA1}. Java SE
     *     requires HmacSHA1 and HmacSHA256 of every runtime; OpenJDK's SunJCE also has HmacSHA512,
     *     and a verifier answers {@link dev.mfa4j.api.Reason#PROVIDER_ERROR} on a runtime without it
     */
    String macName() {
        return macName;
    }

    /**
     * @param value an {@code Algorithm} option value, in any case
     * @return the algorithm
     * @throws IllegalArgumentException if it names none of these
     */
    static TotpAlgorithm fromOption(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
