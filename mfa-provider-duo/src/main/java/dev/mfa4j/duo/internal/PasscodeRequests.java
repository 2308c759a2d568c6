package dev.mfa4j.duo.internal;

import dev.mfa4j.api.Secret;
import java.net.http.HttpRequest;
import java.time.Clock;

/**
 * Builds and signs a passcode {@code POST /auth/v2/auth} (v5, HMAC-SHA512) the way a verifier
 * does, without sending it. Not API: this package is not exported from the module, and the class
 * is public only so that {@code benchmarks/} (on the class path) can measure what one request
 * costs to build and sign.
 */
public final class PasscodeRequests {

    private final RequestEncoder encoder;

    /**
     * @param host the API host, as in the {@code Host} option
     * @param integrationKey the ikey
     * @param secretKey the skey
     * @param clock the clock for the {@code Date} header
     */
    public PasscodeRequests(String host, String integrationKey, String secretKey, Clock clock) {
        DuoSigner signer = new DuoSigner(integrationKey, Secret.of(secretKey), HmacAlgorithm.HMAC_SHA512);
        this.encoder = new RequestEncoder(host, signer, SignatureVersion.V5, clock, "mfa4j-duo/benchmark");
    }

    /**
     * The parameters {@code DuoVerifier} sends for a passcode with {@code UserIdentifier} set to
     * {@code username} and no client IP, encoded, signed now and made into a JDK request.
     *
     * @param username the Duo username
     * @param passcode the digits
     * @return the request as it would be sent
     */
    public HttpRequest build(String username, String passcode) {
        return encode(username, passcode).toHttpRequest();
    }

    /**
     * As {@link #build}, up to the encoded request (body, headers, signature), without making the
     * JDK request.
     *
     * @param username the Duo username
     * @param passcode the digits
     * @return the {@code Authorization} header of the encoded request
     */
    public String authorization(String username, String passcode) {
        return encode(username, passcode).headers().get("Authorization");
    }

    private EncodedRequest encode(String username, String passcode) {
        DuoParams params = DuoParams.builder().add("username", username).add("factor", "passcode").add("passcode", passcode).build();
        return encoder.encode(DuoRequest.post("/auth/v2/auth", params));
    }
}
