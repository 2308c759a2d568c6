package dev.mfa4j.duo.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs canonical strings with an integration's secret key and makes the {@code Authorization}
 * header: {@code Basic base64(ikey ":" hex(hmac(skey, canonical)))}.
 *
 * <p>Holds the secret key as bytes and in one keyed {@link Mac}, which is cloned per signature
 * (thread safe, and cheaper than a provider lookup and a keying per signature); {@link #destroy()}
 * overwrites both. {@link #toString()} never shows the key.
 */
final class DuoSigner {

    private final String integrationKey;
    private final byte[] secretKey;
    private final HmacAlgorithm algorithm;
    /** Keyed once, never updated: each signature works on a clone. */
    private final Mac keyed;

    /**
     * @param integrationKey the ikey
     * @param secretKey the skey; its UTF-8 bytes are copied (Duo keys are ASCII)
     * @param algorithm the HMAC
     */
    DuoSigner(String integrationKey, String secretKey, HmacAlgorithm algorithm) {
        this.integrationKey = Objects.requireNonNull(integrationKey, "integrationKey");
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey").getBytes(StandardCharsets.UTF_8);
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.keyed = keyedMac(this.secretKey);
    }

    private Mac keyedMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName());
            mac.init(new SecretKeySpec(key, algorithm.jcaName()));
            return mac;
        } catch (GeneralSecurityException e) {
            // HmacSHA1 and HmacSHA512 are required of every Java platform.
            throw new IllegalStateException("cannot compute " + algorithm.jcaName(), e);
        }
    }

    /**
     * @param canonical the canonical string
     * @return the signature, lower-case hex
     */
    String signature(String canonical) {
        Mac mac;
        try {
            mac = (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            // The JDK's HMACs clone; another provider's might not.
            mac = keyedMac(secretKey);
        }
        return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * @param canonical the canonical string
     * @return the {@code Authorization} header value
     */
    String authorization(String canonical) {
        String credentials = integrationKey + ":" + signature(canonical);
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the HMAC in use */
    HmacAlgorithm algorithm() {
        return algorithm;
    }

    /** Overwrites the key bytes; signing afterwards produces garbage that Duo refuses. */
    void destroy() {
        Arrays.fill(secretKey, (byte) 0);
        try {
            // Re-keying overwrites the keyed Mac's pads in place.
            keyed.init(new SecretKeySpec(secretKey, algorithm.jcaName()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot re-key " + algorithm.jcaName(), e);
        }
    }

    @Override
    public String toString() {
        return "DuoSigner[ikey=" + integrationKey + ", skey=***, " + algorithm + "]";
    }
}
