package dev.mfa4j.api;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A secret value, such as Duo's secret key, that never prints itself: {@link #toString()} is
 * {@code ******} and nothing else. Providers keep secret option values in one of these rather than
 * in a {@link String} field, so that a log line, an exception or a debugger's summary of an object
 * cannot show them by accident.
 *
 * <p>The characters are copied in and out, and {@link #destroy()} overwrites them when the secret
 * is no longer needed (a verifier does it on close). Equality compares in constant time.
 *
 * <p>Thread safe; {@link #destroy()} makes later reads fail.
 *
 * @since 0.1.0
 */
public final class Secret {

    private final char[] value;
    private volatile boolean destroyed;

    private Secret(char[] value) {
        this.value = value;
    }

    /**
     * @param value the secret; its characters are copied
     * @return the secret
     * @throws NullPointerException if {@code value} is null
     */
    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "value").toCharArray());
    }

    /**
     * @return the secret as UTF-8 bytes, a new array the caller should overwrite after use
     * @throws IllegalStateException if the secret was destroyed
     */
    public byte[] utf8() {
        checkAlive();
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    /**
     * @return the secret's characters, a new array the caller should overwrite after use
     * @throws IllegalStateException if the secret was destroyed
     */
    public char[] chars() {
        checkAlive();
        return value.clone();
    }

    /** @return the number of characters */
    public int length() {
        return value.length;
    }

    /** Overwrites the characters; later reads throw. */
    public void destroy() {
        destroyed = true;
        Arrays.fill(value, '\0');
    }

    /** @return whether {@link #destroy()} was called */
    public boolean isDestroyed() {
        return destroyed;
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException("the secret was destroyed");
        }
    }

    /** Compares in time that does not depend on where the values differ. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Secret that) || destroyed || that.destroyed) {
            return false;
        }
        byte[] a = utf8();
        byte[] b = that.utf8();
        try {
            return MessageDigest.isEqual(a, b);
        } finally {
            Arrays.fill(a, (byte) 0);
            Arrays.fill(b, (byte) 0);
        }
    }

    @Override
    public int hashCode() {
        return 0;
    }

    /** @return {@code ******}, always */
    @Override
    public String toString() {
        return "******";
    }
}
