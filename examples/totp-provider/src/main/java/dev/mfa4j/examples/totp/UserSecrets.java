package dev.mfa4j.examples.totp;

import dev.mfa4j.api.Secret;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code Secrets} option, read: each user's TOTP shared secret, by the name that a principal's
 * assignment gives as its provider user id.
 *
 * <p>The option's form is a list of {@code name=SECRET} entries separated by commas, with optional
 * whitespace (newlines included) around entries, names and secrets:
 * <pre>{@code alice=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP, bob=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ}</pre>
 * <ul>
 *   <li>a name is 1 to {@value #MAX_NAME_LENGTH} letters, digits or {@code . _ @ + -}, unique in
 *       the list, matched exactly (case included) against the provider user id;</li>
 *   <li>a secret is Base32 (RFC 4648, as in {@code otpauth://} URIs; see {@link Base32}) of
 *       {@value #MIN_KEY_BYTES} to {@value #MAX_KEY_BYTES} bytes: RFC 4226 section 4 requires at
 *       least 128 bits and recommends 160 (32 Base32 characters).</li>
 * </ul>
 *
 * <p>Problems are reported by entry number and never quote a name or a secret: a malformed entry
 * may have its secret where its name belongs. Secrets are held as {@link Secret}s, which never
 * print, until {@link #destroy()}.
 *
 * <p>Immutable apart from {@link #destroy()}; thread safe.
 */
final class UserSecrets {

    /** The longest user name, in characters. */
    static final int MAX_NAME_LENGTH = 128;
    /** The shortest secret, in bytes (RFC 4226 section 4, R6: at least 128 bits). */
    static final int MIN_KEY_BYTES = 16;
    /** The longest secret, in bytes: the HMAC-SHA-512 block size; longer keys gain nothing. */
    static final int MAX_KEY_BYTES = 128;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@+-]{1," + MAX_NAME_LENGTH + "}");

    private final Map<String, Secret> byName;

    private UserSecrets(Map<String, Secret> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /**
     * @param value a {@code Secrets} option value
     * @return what is wrong with it, without quoting it; empty if nothing
     * @throws NullPointerException if {@code value} is null
     */
    static Optional<String> problem(String value) {
        try {
            parse(value).destroy();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * @param value a {@code Secrets} option value
     * @return the secrets it lists
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if the value breaks the form above; the message names the
     *     entry by number and quotes nothing
     */
    static UserSecrets parse(String value) {
        Map<String, Secret> byName = new LinkedHashMap<>();
        Map<String, Integer> entryOfName = new HashMap<>();
        String[] entries = value.split(",", -1);
        try {
            for (int i = 0; i < entries.length; i++) {
                int number = i + 1;
                String entry = entries[i];
                int equals = entry.indexOf('=');
                if (equals < 0) {
                    throw new IllegalArgumentException(entries.length == 1 && entry.isBlank()
                            ? "expected name=BASE32SECRET entries separated by commas"
                            : "entry " + number + " is not name=BASE32SECRET");
                }
                String name = entry.substring(0, equals).strip();
                if (!NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("entry " + number + ": the name must be 1 to " + MAX_NAME_LENGTH
                            + " letters, digits or . _ @ + -");
                }
                Integer earlier = entryOfName.putIfAbsent(name, number);
                if (earlier != null) {
                    throw new IllegalArgumentException("entries " + earlier + " and " + number + " have the same name");
                }
                Secret secret = Secret.of(entry.substring(equals + 1).strip());
                byName.put(name, secret);
                checkKey(secret, number);
            }
        } catch (RuntimeException e) {
            byName.values().forEach(Secret::destroy);
            throw e;
        }
        return new UserSecrets(byName);
    }

    private static void checkKey(Secret secret, int number) {
        char[] text = secret.chars();
        byte[] key = null;
        try {
            key = Base32.decode(text);
            if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
                throw new IllegalArgumentException("entry " + number + ": the secret must be " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES
                        + " bytes (at least 26 Base32 characters; 32 for the recommended 160 bits), not " + key.length);
            }
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("entry ") ? e
                    : new IllegalArgumentException("entry " + number + ": the secret " + e.getMessage() + "; expected Base32 (RFC 4648)");
        } finally {
            Arrays.fill(text, '\0');
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    /**
     * @param name a provider user id
     * @return that user's secret, or empty if the list has no entry of that name
     */
    Optional<Secret> secretOf(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @return how many users have a secret */
    int size() {
        return byName.size();
    }

    /** Overwrites every secret; later reads of them throw {@link IllegalStateException}. */
    void destroy() {
        byName.values().forEach(Secret::destroy);
    }

    /** @return the number of users, never a name or a secret */
    @Override
    public String toString() {
        return "UserSecrets[" + byName.size() + " users]";
    }
}
