package dev.mfa4j.spring.boot.internal;

import dev.mfa4j.core.SealingKeys;
import dev.mfa4j.spring.boot.MfaProperties;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns {@code mfa4j.sealing.keys} into {@link SealingKeys}. Messages name the property, never the key. */
public final class SealingKeysFactory {

    private SealingKeysFactory() {
    }

    /**
     * @param keys the configured keys, current first; not empty
     * @return the sealing keys
     * @throws IllegalStateException naming the property at fault
     */
    public static SealingKeys from(List<MfaProperties.Key> keys) {
        SealingKeys sealing = null;
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            MfaProperties.Key key = keys.get(i);
            String property = "mfa4j.sealing.keys[" + i + "]";
            if (key.getId() == null || key.getId().isBlank()) {
                throw new IllegalStateException(property + ".id is not set: give each sealing key an id, such as 2026-11");
            }
            if (!ids.add(key.getId())) {
                throw new IllegalStateException(property + ".id repeats an earlier key's id: each key needs its own");
            }
            byte[] bytes = decode(key.getKey(), property);
            try {
                sealing = sealing == null ? SealingKeys.current(key.getId(), bytes) : sealing.withPrevious(key.getId(), bytes);
            } catch (RuntimeException e) {
                throw new IllegalStateException(property + " is not a usable sealing key (" + e.getClass().getSimpleName()
                        + "): it must be 32 random bytes, base64, with an id of 1 to 32 letters, digits, '_' or '-'");
            } finally {
                java.util.Arrays.fill(bytes, (byte) 0);
            }
        }
        return sealing;
    }

    /**
     * @param base64 {@code mfa4j.fingerprint-key}
     * @return the HMAC key
     * @throws IllegalStateException if it is not base64 of at least 32 bytes (the key is not shown)
     */
    public static javax.crypto.SecretKey fingerprintKey(String base64) {
        byte[] bytes = decode(base64, "mfa4j.fingerprint-key");
        try {
            if (bytes.length < 32) {
                throw new IllegalStateException("mfa4j.fingerprint-key must be at least 32 bytes, base64; it has " + bytes.length);
            }
            return new javax.crypto.spec.SecretKeySpec(bytes, "HmacSHA256");
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }

    private static byte[] decode(String base64, String property) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException(property + (property.endsWith("]") ? ".key" : "")
                    + " is not set: give the key as 32 bytes in base64");
        }
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + (property.endsWith("]") ? ".key" : "") + " is not base64");
        }
    }
}
