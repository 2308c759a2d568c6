package dev.mfa4j.testkit.duo.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/** Duo-shaped identifiers: random or derived from a name. Thread-safe. */
public final class Ids {

    private static final String UPPER_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String ALNUM = UPPER_ALNUM + "abcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** {@code length} random upper-case letters and digits. */
    public static String randomUpperAlnum(int length) {
        return random(UPPER_ALNUM, length);
    }

    /** {@code length} random letters and digits. */
    public static String randomAlnum(int length) {
        return random(ALNUM, length);
    }

    private static String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /**
     * A stable 20-character Duo id: {@code prefix} (e.g. {@code DU}, {@code DP}) and characters
     * derived from {@code seed}, so the same user gets the same id in every run.
     */
    public static String derived(String prefix, String seed) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
        StringBuilder out = new StringBuilder(prefix);
        for (int i = 0; out.length() < 20; i++) {
            out.append(UPPER_ALNUM.charAt((hash[i] & 0xff) % UPPER_ALNUM.length()));
        }
        return out.toString();
    }

    /** A transaction id in Duo's UUID style. */
    public static String txid() {
        return UUID.randomUUID().toString();
    }

    /** A Verified Push code: three digits, as Duo Mobile asks for. */
    public static String verificationCode() {
        return String.format("%03d", RANDOM.nextInt(1000));
    }
}
