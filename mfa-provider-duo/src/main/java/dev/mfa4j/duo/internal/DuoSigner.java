package dev.mfa4j.duo.internal;

import dev.mfa4j.api.Secret;
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
 * <p>The key stays in its {@link Secret} and in one keyed {@link Mac}, which is cloned per
 * signature (thread safe, and cheaper than a provider lookup and a keying per signature); the
 * key's bytes exist only while the Mac is keyed. {@link #destroy()} overwrites both, and signing
 * afterwards fails without a request being sent. {@link #toString()} never shows the key.
 */
final class DuoSigner {

    private final String integrationKey;
    private final Secret secretKey;
    private final HmacAlgorithm algorithm;
    /** Keyed once, never updated: each signature works on a clone. */
    private final Mac keyed;

    /**
     * @param integrationKey the ikey
     * @param secretKey the skey, kept (not copied) and destroyed by {@link #destroy()}; Duo keys are ASCII
     * @param algorithm the HMAC
     * @throws IllegalStateException if the secret key was destroyed already
     */
    DuoSigner(String integrationKey, Secret secretKey, HmacAlgorithm algorithm) {
        this.integrationKey = Objects.requireNonNull(integrationKey, "integrationKey");
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.keyed = keyedMac();
    }

    private Mac keyedMac() {
        byte[] key = secretKey.utf8();
        try {
            return keyed(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private Mac keyed(byte[] key) {
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
     * @throws IllegalStateException after {@link #destroy()}
     */
    String signature(String canonical) {
        if (secretKey.isDestroyed()) {
            throw new IllegalStateException("the secret key was destroyed: this verifier is closed");
        }
        Mac mac;
        try {
            mac = (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            // The JDK's HMACs clone; another provider's might not.
            mac = keyedMac();
        }
        return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * @param canonical the canonical string
     * @return the {@code Authorization} header value
     * @throws IllegalStateException after {@link #destroy()}
     */
    String authorization(String canonical) {
        String credentials = integrationKey + ":" + signature(canonical);
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the HMAC in use */
    HmacAlgorithm algorithm() {
        return algorithm;
    }

    /** Destroys the secret key and overwrites the keyed Mac's copy of it. */
    void destroy() {
        // Re-keying overwrites the keyed Mac's pads in place; a key of zeros, as long as the real one.
        byte[] zeros = new byte[Math.max(1, secretKey.length())];
        secretKey.destroy();
        try {
            keyed.init(new SecretKeySpec(zeros, algorithm.jcaName()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot re-key " + algorithm.jcaName(), e);
        }
    }

    @Override
    public String toString() {
        return "DuoSigner[ikey=" + integrationKey + ", skey=***, " + algorithm + "]";
    }
}
