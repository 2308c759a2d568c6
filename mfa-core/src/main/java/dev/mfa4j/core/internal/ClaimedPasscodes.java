package dev.mfa4j.core.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The passcodes claimed under one scope (one principal and configuration), each as a 256-bit
 * fingerprint and an expiry, kept in flat arrays of {@code long}: no object per claim.
 *
 * <p>Why: a node that verifies thousands of passcodes a second holds millions of claims for the
 * default ten-minute reuse window. As objects (a string key, an {@link Instant}, a map node) each
 * cost about 200 bytes, all of it copied and traced by every young collection while it lives;
 * the benchmarks measured that garbage collection at 7 µs of CPU per verification. Here a claim
 * is five longs.
 *
 * <p>A scope holds few claims (a person logs in a few times in ten minutes), so lookups scan; the
 * scan reads one contiguous array and stays cheap at thousands of claims.
 *
 * <p>Not thread safe: the in-memory attempt store changes an instance only inside
 * {@code ConcurrentHashMap.compute} on its scope.
 */
public final class ClaimedPasscodes {

    private static final int INITIAL = 4;

    /** The first 64 bits of each fingerprint: what a lookup scans. */
    private long[] heads = new long[INITIAL];
    /** The other 192 bits of each fingerprint, three longs a claim. */
    private long[] tails = new long[3 * INITIAL];
    /** When each claim may be forgotten, in nanoseconds since the epoch. */
    private long[] expiries = new long[INITIAL];
    private int size;

    /**
     * A fingerprint as 256 bits: 64 hex digits (the SHA-256 that mfa-core's attempt gate gives)
     * are read as their value; any other string is identified by its own SHA-256.
     *
     * @param a bits 0 to 63
     * @param b bits 64 to 127
     * @param c bits 128 to 191
     * @param d bits 192 to 255
     */
    public record Fingerprint(long a, long b, long c, long d) {

        /**
         * @param fingerprint a fingerprint as given to the attempt store
         * @return its 256 bits
         */
        public static Fingerprint of(String fingerprint) {
            Objects.requireNonNull(fingerprint, "fingerprint");
            if (fingerprint.length() == 64 && isHex(fingerprint)) {
                return new Fingerprint(HexFormat.fromHexDigitsToLong(fingerprint, 0, 16), HexFormat.fromHexDigitsToLong(fingerprint, 16, 32),
                        HexFormat.fromHexDigitsToLong(fingerprint, 32, 48), HexFormat.fromHexDigitsToLong(fingerprint, 48, 64));
            }
            ByteBuffer digest = ByteBuffer.wrap(Sha256.digest(fingerprint.getBytes(StandardCharsets.UTF_8)));
            return new Fingerprint(digest.getLong(), digest.getLong(), digest.getLong(), digest.getLong());
        }

        private static boolean isHex(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (!HexFormat.isHexDigit(s.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * @param time an instant
     * @return nanoseconds since the epoch, saturated at the ends of {@code long} (years 1677 and
     *     2262), where a claim is then kept rather than forgotten early
     */
    public static long epochNanos(Instant time) {
        try {
            return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
        } catch (ArithmeticException e) {
            return time.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /**
     * Records {@code fingerprint} until {@code expiresAt}, unless it is recorded and unexpired at
     * {@code now}; claims expired at {@code now} are forgotten first.
     *
     * @param fingerprint the passcode's fingerprint
     * @param now the current time, {@link #epochNanos}
     * @param expiresAt when the claim may be forgotten, {@link #epochNanos}
     * @return true if this call recorded it
     */
    public boolean claim(Fingerprint fingerprint, long now, long expiresAt) {
        dropExpired(now);
        if (indexOf(fingerprint) >= 0) {
            return false;
        }
        if (size == heads.length) {
            int capacity = size * 2;
            heads = Arrays.copyOf(heads, capacity);
            tails = Arrays.copyOf(tails, 3 * capacity);
            expiries = Arrays.copyOf(expiries, capacity);
        }
        heads[size] = fingerprint.a();
        tails[3 * size] = fingerprint.b();
        tails[3 * size + 1] = fingerprint.c();
        tails[3 * size + 2] = fingerprint.d();
        expiries[size] = expiresAt;
        size++;
        return true;
    }

    /**
     * Forgets the claim of {@code fingerprint}, if there is one.
     *
     * @param fingerprint the passcode's fingerprint
     */
    public void release(Fingerprint fingerprint) {
        int i = indexOf(fingerprint);
        if (i >= 0) {
            moveLastTo(i);
        }
    }

    /**
     * Forgets every claim whose expiry is not after {@code now}.
     *
     * @param now the current time, {@link #epochNanos}
     */
    public void dropExpired(long now) {
        int i = 0;
        while (i < size) {
            if (expiries[i] <= now) {
                moveLastTo(i);
            } else {
                i++;
            }
        }
        // A burst that has passed gives its memory back.
        if (heads.length > INITIAL && size < heads.length / 4) {
            int capacity = Math.max(INITIAL, heads.length / 2);
            heads = Arrays.copyOf(heads, capacity);
            tails = Arrays.copyOf(tails, 3 * capacity);
            expiries = Arrays.copyOf(expiries, capacity);
        }
    }

    /** @return the claims held, expired ones not yet dropped included */
    public int size() {
        return size;
    }

    /** @return whether no claim is held */
    public boolean isEmpty() {
        return size == 0;
    }

    private int indexOf(Fingerprint fingerprint) {
        long a = fingerprint.a();
        for (int i = 0; i < size; i++) {
            if (heads[i] == a && tails[3 * i] == fingerprint.b() && tails[3 * i + 1] == fingerprint.c()
                    && tails[3 * i + 2] == fingerprint.d()) {
                return i;
            }
        }
        return -1;
    }

    private void moveLastTo(int i) {
        int last = size - 1;
        heads[i] = heads[last];
        System.arraycopy(tails, 3 * last, tails, 3 * i, 3);
        expiries[i] = expiries[last];
        size = last;
    }
}
