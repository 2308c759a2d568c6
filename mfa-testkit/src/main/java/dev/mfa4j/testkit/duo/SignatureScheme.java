package dev.mfa4j.testkit.duo;

/**
 * How a request that the simulator verified was signed. Duo's Auth API accepts all three.
 *
 * @since 0.1.0
 */
public enum SignatureScheme {
    /** Canonical request v2 (form body or query), HMAC-SHA1: the algorithm Duo's docs name. */
    V2_HMAC_SHA1,
    /** Canonical request v2 (form body or query), HMAC-SHA512: what current v2 clients send. */
    V2_HMAC_SHA512,
    /** Canonical request v5 (JSON body hash and {@code X-Duo-*} header hash), HMAC-SHA512. */
    V5_HMAC_SHA512
}
