package dev.mfa4j.totp.internal;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HOTP value of RFC 4226 section 5.3, which TOTP (RFC 6238 section 4) computes with the time
 * step as the counter: the HMAC of the 8-byte big-endian counter, dynamically truncated to 31
 * bits, its last {@code digits} decimal digits.
 *
 * <p>Stateless and thread safe; a {@link Mac} from {@link #keyed} is not, so each verification
 * keys its own.
 */
final class Hotp {

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Hotp() {
    }

    /**
     * @param algorithm the HMAC hash function
     * @param key the secret's bytes; the JCE copies them, so the caller may overwrite its array
     * @return a {@link Mac} keyed with it; not thread safe
     * @throws GeneralSecurityException if the runtime lacks the HMAC or refuses the key
     */
    static Mac keyed(HmacAlgorithm algorithm, byte[] key) throws GeneralSecurityException {
        Mac mac = algorithm.newMac();
        mac.init(new SecretKeySpec(key, algorithm.macName()));
        return mac;
    }

    /**
     * @param keyed a keyed {@link Mac}; reset by this call
     * @param counter the counter (for TOTP, the time step)
     * @param digits how many digits, 1 to 8
     * @return the code as {@code digits} ASCII digits, zero-padded on the left
     */
    static byte[] code(Mac keyed, long counter, int digits) {
        byte[] message = new byte[8];
        for (int i = 7; i >= 0; i--) {
            message[i] = (byte) (counter >>> (8 * (7 - i)));
        }
        byte[] hash = keyed.doFinal(message);
        // RFC 4226 section 5.3: the low 4 bits of the last byte say where to read 31 bits.
        int offset = hash[hash.length - 1] & 0x0f;
        int truncated = (hash[offset] & 0x7f) << 24
                | (hash[offset + 1] & 0xff) << 16
                | (hash[offset + 2] & 0xff) << 8
                | (hash[offset + 3] & 0xff);
        int value = truncated % POWERS_OF_TEN[digits];
        byte[] ascii = new byte[digits];
        for (int i = digits - 1; i >= 0; i--) {
            ascii[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return ascii;
    }
}
