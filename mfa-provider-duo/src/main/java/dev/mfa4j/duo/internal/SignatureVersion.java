package dev.mfa4j.duo.internal;

/** Duo's canonical request formats that this provider can sign. */
enum SignatureVersion {
    /**
     * The "legacy" format: date, method, host, path and the canonical parameters; parameters go
     * in the query string (GET) or a form body (POST). HMAC-SHA1 or HMAC-SHA512.
     */
    V2,
    /**
     * The current format: as v2, then the SHA-512 of the body and of the signed {@code X-Duo-*}
     * headers; POST parameters go in a JSON body. Always HMAC-SHA512.
     */
    V5;

    /**
     * @param option the option value, {@code 2} or {@code 5}
     * @return the version
     * @throws IllegalArgumentException for anything else
     */
    static SignatureVersion fromOption(String option) {
        return switch (option.strip()) {
            case "2" -> V2;
            case "5" -> V5;
            default -> throw new IllegalArgumentException("signature version must be 2 or 5");
        };
    }
}
