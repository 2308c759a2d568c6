package dev.mfa4j.examples.loginflow;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A stored password: PBKDF2 with HMAC-SHA256, a random salt per password. Checking a password
 * costs the same whether it is right or wrong, and compares in constant time.
 *
 * @param salt 16 random bytes
 * @param iterations PBKDF2's work factor
 * @param hash the derived 32 bytes
 */
public record PasswordHash(byte[] salt, int iterations, byte[] hash) {

    /** OWASP's recommended work factor for PBKDF2-HMAC-SHA256 (Password Storage Cheat Sheet). */
    public static final int RECOMMENDED_ITERATIONS = 600_000;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if the iterations are below 1
     */
    public PasswordHash {
        salt = Objects.requireNonNull(salt, "salt").clone();
        hash = Objects.requireNonNull(hash, "hash").clone();
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1");
        }
    }

    /**
     * @param password the password; not kept
     * @param iterations the work factor; {@link #RECOMMENDED_ITERATIONS} outside tests
     * @return its hash with a new random salt
     */
    public static PasswordHash of(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(salt, iterations, derive(password, salt, iterations));
    }

    /**
     * @param password a password to check; not kept
     * @return whether it is the one this hash was made from
     */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has " + ALGORITHM, e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PasswordHash that && iterations == that.iterations && Arrays.equals(salt, that.salt)
                && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(salt) + Arrays.hashCode(hash) + iterations;
    }

    @Override
    public String toString() {
        return "PasswordHash[" + ALGORITHM + ", iterations=" + iterations + "]";
    }
}
