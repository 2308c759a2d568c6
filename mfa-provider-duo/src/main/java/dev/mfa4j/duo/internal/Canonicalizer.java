package dev.mfa4j.duo.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the exact strings Duo signs (see docs/providers/duo.md, "Signing"). Lines are joined
 * with {@code \n} and there is no trailing newline.
 */
final class Canonicalizer {

    /** A fresh SHA-512, cloned per use: cheaper than a provider lookup per hash. Never updated itself. */
    private static final MessageDigest SHA512 = newSha512();

    /** SHA-512 of nothing: the body hash of a GET, and the header hash with no X-Duo headers. */
    static final String EMPTY_SHA512 = sha512Hex(new byte[0]);

    private Canonicalizer() {
    }

    /**
     * The v2 canonical string.
     *
     * @param date the date exactly as sent
     * @param method the HTTP method, upper-cased here
     * @param host the host as configured (with {@code :port} if any), lower-cased here
     * @param path the path, case kept
     * @param params the parameters, whether they travel in the query or a form body
     * @return the string to sign
     */
    static String v2(String date, String method, String host, String path, DuoParams params) {
        return String.join("\n", date, method.toUpperCase(Locale.ROOT), host.toLowerCase(Locale.ROOT), path, params.canonical());
    }

    /**
     * The v5 canonical string.
     *
     * @param date the date exactly as sent
     * @param method the HTTP method, upper-cased here
     * @param host the host as configured, lower-cased here
     * @param path the path, case kept
     * @param queryParams the query parameters (empty for a POST whose parameters are in the body)
     * @param body the exact body bytes sent (empty for GET)
     * @param duoHeaders signed {@code X-Duo-*} headers; names are lower-cased here
     * @return the string to sign
     */
    static String v5(String date, String method, String host, String path, DuoParams queryParams, byte[] body,
            Map<String, String> duoHeaders) {
        return date + '\n' + method.toUpperCase(Locale.ROOT) + '\n' + host.toLowerCase(Locale.ROOT) + '\n' + path + '\n'
                + queryParams.canonical() + '\n' + sha512Hex(body) + '\n' + duoHeadersHash(duoHeaders);
    }

    /**
     * @param headers {@code X-Duo-*} headers to sign
     * @return the SHA-512 hex of {@code name\0value\0...} over lower-cased, sorted names
     * @throws IllegalArgumentException for a name without the {@code x-duo-} prefix, a duplicate
     *     name (ignoring case), a NUL, or an empty value
     */
    static String duoHeadersHash(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return EMPTY_SHA512;
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("x-duo-") || name.indexOf('\0') >= 0 || value == null || value.isEmpty()
                    || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a signed Duo header needs an x-duo- name and a non-empty value without NUL");
            }
            if (sorted.put(lower, value) != null) {
                throw new IllegalArgumentException("duplicate signed Duo header " + lower);
            }
        });
        StringBuilder joined = new StringBuilder();
        sorted.forEach((name, value) -> {
            if (joined.length() > 0) {
                joined.append('\0');
            }
            joined.append(name).append('\0').append(value);
        });
        return sha512Hex(joined.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param bytes any bytes
     * @return their SHA-512, lower-case hex
     */
    static String sha512Hex(byte[] bytes) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA512.clone();
        } catch (CloneNotSupportedException e) {
            digest = newSha512();
        }
        return HexFormat.of().formatHex(digest.digest(bytes));
    }

    private static MessageDigest newSha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-512", e);
        }
    }
}
