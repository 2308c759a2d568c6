package dev.mfa4j.core.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 for the hot path: a clone of one ready digest per use, cheaper than a provider lookup. */
final class Sha256 {

    /** Never updated itself: each use works on a clone. */
    private static final MessageDigest READY = newDigest();

    private Sha256() {
    }

    /**
     * @param bytes any bytes
     * @return their SHA-256, 32 bytes
     */
    static byte[] digest(byte[] bytes) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) READY.clone();
        } catch (CloneNotSupportedException e) {
            // The JDK's digests clone; another provider's might not.
            digest = newDigest();
        }
        return digest.digest(bytes);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
