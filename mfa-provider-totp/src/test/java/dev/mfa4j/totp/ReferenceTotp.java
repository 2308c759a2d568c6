package dev.mfa4j.totp;

import java.nio.ByteBuffer;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tests' own RFC 6238 code, written from the RFC's reference implementation description (its
 * Appendix A) and independent of the provider's classes: what an authenticator app would show.
 */
public final class ReferenceTotp {

    private ReferenceTotp() {
    }

    /**
     * @param base32 the secret as in the otpauth URI
     * @param macName {@code HmacSHA1}, {@code HmacSHA256} or {@code HmacSHA512}
     * @param digits 6 or 8
     * @param period seconds
     * @param time when
     * @return the code an app shows at that time
     */
    public static String code(String base32, String macName, int digits, int period, Instant time) {
        return codeAtStep(decode(base32), macName, digits, Math.floorDiv(time.getEpochSecond(), period));
    }

    /**
     * @param key the secret's bytes
     * @param macName the HMAC
     * @param digits how many digits
     * @param step the time step
     * @return the code
     */
    public static String codeAtStep(byte[] key, String macName, int digits, long step) {
        try {
            Mac mac = Mac.getInstance(macName);
            mac.init(new SecretKeySpec(key, macName));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0xf;
            int binary = ByteBuffer.wrap(hash, offset, 4).getInt() & 0x7fffffff;
            return String.format("%0" + digits + "d", binary % (int) Math.pow(10, digits));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** A plain Base32 decoder (upper case, no padding), for the tests only. */
    public static byte[] decode(String base32) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long buffer = 0;
        int bits = 0;
        for (char c : base32.toCharArray()) {
            int value = alphabet.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not upper-case Base32 without padding");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out.write((int) (buffer >>> bits) & 0xff);
            }
        }
        return out.toByteArray();
    }
}
