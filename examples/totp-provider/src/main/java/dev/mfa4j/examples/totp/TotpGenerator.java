package dev.mfa4j.examples.totp;

import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes TOTP codes as RFC 6238 defines them: the HOTP value of RFC 4226 section 5.3 (HMAC of
 * the 8-byte big-endian counter, dynamic truncation to 31 bits, the last {@code digits} decimal
 * digits) with the counter {@code T = floor((unix time - T0) / X)}, where {@code T0 = 0} and
 * {@code X = 30 s}, the RFC's defaults (section 4.1) and what authenticator apps assume.
 *
 * <p>Immutable and thread safe; a {@link Mac} from {@link #keyed} is not, so each verification
 * makes its own.
 *
 * @param algorithm the HMAC hash function
 * @param digits 6 or 8
 */
record TotpGenerator(TotpAlgorithm algorithm, int digits) {

    /** The time step X. Fixed: authenticator apps assume 30 seconds, whatever a server says. */
    static final Duration STEP = Duration.ofSeconds(30);

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    /**
     * @throws NullPointerException if {@code algorithm} is null
     * @throws IllegalArgumentException if {@code digits} is neither 6 nor 8
     */
    TotpGenerator {
        Objects.requireNonNull(algorithm, "algorithm");
        if (digits != 6 && digits != 8) {
            throw new IllegalArgumentException("digits must be 6 or 8");
        }
    }

    /**
     * @param time an instant
     * @return the RFC 6238 time step counter T for it (negative before 1970, which the RFC leaves
     *     undefined and no real clock shows)
     */
    static long stepAt(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), STEP.getSeconds());
    }

    /**
     * @param key the shared secret's bytes; copied by the JCE, so the caller may overwrite its array
     * @return a {@link Mac} keyed with it, for {@link #codeAt(Mac, long)}; not thread safe
     * @throws GeneralSecurityException if the runtime lacks the HMAC algorithm or refuses the key
     */
    Mac keyed(byte[] key) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(algorithm.macName());
        mac.init(new SecretKeySpec(key, algorithm.macName()));
        return mac;
    }

    /**
     * @param keyed a {@link Mac} from {@link #keyed}
     * @param step the time step counter T
     * @return the code for that step: exactly {@link #digits()} ASCII digits, zero-padded
     */
    String codeAt(Mac keyed, long step) {
        byte[] counter = new byte[8];
        for (int i = 7; i >= 0; i--) {
            counter[i] = (byte) (step >>> (8 * (7 - i)));
        }
        byte[] hash = keyed.doFinal(counter);
        // RFC 4226 section 5.3: the low 4 bits of the last byte choose where to read 31 bits.
        int offset = hash[hash.length - 1] & 0x0f;
        int truncated = (hash[offset] & 0x7f) << 24
                | (hash[offset + 1] & 0xff) << 16
                | (hash[offset + 2] & 0xff) << 8
                | (hash[offset + 3] & 0xff);
        int code = truncated % POWERS_OF_TEN[digits];
        StringBuilder text = new StringBuilder(digits).append(code);
        while (text.length() < digits) {
            text.insert(0, '0');
        }
        return text.toString();
    }

    /**
     * @param key the shared secret's bytes
     * @param step the time step counter T
     * @return the code for that step
     * @throws GeneralSecurityException if the runtime lacks the HMAC algorithm or refuses the key
     */
    String codeAt(byte[] key, long step) throws GeneralSecurityException {
        return codeAt(keyed(key), step);
    }
}
