package dev.mfa4j.duo.internal;

import java.util.Locale;

/** The HMAC a signature uses; Duo accepts both for v2, and only SHA-512 for v5. */
enum HmacAlgorithm {
    /** HMAC-SHA1, which Duo's public v2 documentation describes. */
    HMAC_SHA1("HmacSHA1"),
    /** HMAC-SHA512, what Duo's current clients use everywhere. */
    HMAC_SHA512("HmacSHA512");

    private final String jcaName;

    HmacAlgorithm(String jcaName) {
        this.jcaName = jcaName;
    }

    /** @return the JCA algorithm name */
    String jcaName() {
        return jcaName;
    }

    /**
     * @param option {@code HmacSHA1} or {@code HmacSHA512}, in any case
     * @return the algorithm
     * @throws IllegalArgumentException for anything else
     */
    static HmacAlgorithm fromOption(String option) {
        return switch (option.strip().toLowerCase(Locale.ROOT)) {
            case "hmacsha1" -> HMAC_SHA1;
            case "hmacsha512" -> HMAC_SHA512;
            default -> throw new IllegalArgumentException("signature algorithm must be HmacSHA1 or HmacSHA512");
        };
    }
}
