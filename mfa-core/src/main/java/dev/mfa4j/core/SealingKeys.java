package dev.mfa4j.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that seal secret option values before they reach the host's store: one current key,
 * which seals, and any number of previous keys, which only open what they sealed. Each key is
 * AES-256 (32 bytes) with a short id that is stored beside every value it sealed.
 *
 * <p>Rotation without downtime: give every node the new key as current and the old one as
 * previous; call {@link MfaConfigurations#reseal()} once; then drop the previous key.
 *
 * <p>Key bytes are copied in and never printed.
 *
 * @since 0.1.0
 */
public final class SealingKeys {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final String currentId;
    private final Map<String, SecretKey> keys;

    private SealingKeys(String currentId, Map<String, SecretKey> keys) {
        this.currentId = currentId;
        this.keys = Collections.unmodifiableMap(keys);
    }

    /**
     * @param keyId 1 to 32 of {@code A-Z a-z 0-9 _ -}, stored with each sealed value
     * @param key 32 bytes of key material from a secure source (a KMS, a secrets manager); copied
     * @return keys with this one current
     * @throws IllegalArgumentException if the id or the key length is wrong
     */
    public static SealingKeys current(String keyId, byte[] key) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        keys.put(checkId(keyId), aes256(key));
        return new SealingKeys(keyId, keys);
    }

    /**
     * @param keyId the id the previous key sealed values with
     * @param key its 32 bytes; copied
     * @return these keys plus one that only opens
     * @throws IllegalArgumentException if the id is taken or malformed, or the key length is wrong
     */
    public SealingKeys withPrevious(String keyId, byte[] key) {
        if (keys.containsKey(checkId(keyId))) {
            throw new IllegalArgumentException("sealing key id " + keyId + " is given twice");
        }
        Map<String, SecretKey> more = new LinkedHashMap<>(keys);
        more.put(keyId, aes256(key));
        return new SealingKeys(currentId, more);
    }

    /** @return the id of the key that seals */
    public String currentId() {
        return currentId;
    }

    SecretKey currentKey() {
        return keys.get(currentId);
    }

    SecretKey key(String keyId) {
        return keys.get(keyId);
    }

    private static String checkId(String keyId) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("a sealing key id is 1 to 32 of A-Z a-z 0-9 _ -");
        }
        return keyId;
    }

    private static SecretKey aes256(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != 32) {
            throw new IllegalArgumentException("a sealing key is 32 bytes (AES-256), not " + key.length);
        }
        byte[] copy = key.clone();
        try {
            return new SecretKeySpec(copy, "AES");
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
    }

    /** @return the key ids, never the keys */
    @Override
    public String toString() {
        return "SealingKeys[current=" + currentId + ", all=" + keys.keySet() + "]";
    }
}
