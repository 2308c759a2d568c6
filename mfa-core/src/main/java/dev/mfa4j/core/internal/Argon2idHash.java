package dev.mfa4j.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format, {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}
 * (Base64 without padding), through Bouncy Castle's generator: a 16-byte random salt and a 32-byte
 * hash, as RFC 9106 recommends. The parameters travel with each hash, so raising them later leaves
 * older hashes checkable. Thread safe.
 */
final class Argon2idHash {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})");

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;

    /**
     * @param memoryKiB memory, in KiB
     * @param iterations passes
     * @param parallelism lanes
     */
    Argon2idHash(int memoryKiB, int iterations, int parallelism) {
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    /**
     * @param secret what to hash
     * @return its hash with a new salt, as a PHC string
     */
    String hash(String secret) {
        byte[] salt = new byte[SALT_BYTES];
        Randomness.secure().nextBytes(salt);
        byte[] hash = derive(secret, salt, memoryKiB, iterations, parallelism);
        return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$" + ENCODER.encodeToString(salt) + "$"
                + ENCODER.encodeToString(hash);
    }

    /**
     * @param secret a candidate
     * @param phc a hash as {@link #hash} wrote it
     * @return whether the candidate is what was hashed; compared in constant time. A hash that is
     *     not a PHC string of this form matches nothing.
     */
    static boolean matches(String secret, String phc) {
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            return false;
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = DECODER.decode(m.group(4));
            expected = DECODER.decode(m.group(5));
        } catch (IllegalArgumentException e) {
            return false;
        }
        int memory = Integer.parseInt(m.group(1));
        int iterations = Integer.parseInt(m.group(2));
        int lanes = Integer.parseInt(m.group(3));
        // Refuse what a planted hash could use to make a check cost too much or too little.
        if (memory < 8 * lanes || memory > 256 * 1024 || iterations < 1 || iterations > 20 || lanes < 1 || expected.length < 16) {
            return false;
        }
        return MessageDigest.isEqual(derive(secret, salt, memory, iterations, lanes, expected.length), expected);
    }

    /**
     * Spends what a check costs, on nothing: so that a code whose lookup id matches no hash takes
     * as long to refuse as one that does.
     *
     * @param secret a candidate
     */
    void spendACheck(String secret) {
        derive(secret, new byte[SALT_BYTES], memoryKiB, iterations, parallelism);
    }

    private static byte[] derive(String secret, byte[] salt, int memory, int iterations, int lanes) {
        return derive(secret, salt, memory, iterations, lanes, HASH_BYTES);
    }

    private static byte[] derive(String secret, byte[] salt, int memory, int iterations, int lanes, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memory)
                .withIterations(iterations)
                .withParallelism(lanes)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(secret.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
