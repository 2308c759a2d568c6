package dev.mfa4j.testkit.duo.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the strings Duo signs: the canonical parameter line, the v2 canonical request and the
 * v5 canonical request with its body and {@code X-Duo-*} header hashes. Written for the
 * simulator from Duo's published description and vectors; it shares no code with any client.
 * Stateless and thread-safe.
 */
public final class DuoCanonicalizer {

    private DuoCanonicalizer() {
    }

    /**
     * The canonical parameter line: keys and values URL-encoded, pairs sorted by encoded key and
     * then by encoded value, joined with {@code &}. Empty for no parameters.
     */
    public static String canonicalParams(Map<String, List<String>> params) {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : params.entrySet()) {
            String key = DuoUrlEncoding.encode(entry.getKey());
            for (String value : entry.getValue()) {
                pairs.add(key + "=" + DuoUrlEncoding.encode(value));
            }
        }
        // Sorting "key=value" strings would misorder keys that prefix each other ("foo" and
        // "foo_bar"), so sort on (key, value) explicitly.
        pairs.sort((a, b) -> {
            String ka = a.substring(0, a.indexOf('='));
            String kb = b.substring(0, b.indexOf('='));
            int byKey = ka.compareTo(kb);
            return byKey != 0 ? byKey : a.substring(ka.length() + 1).compareTo(b.substring(kb.length() + 1));
        });
        return String.join("&", pairs);
    }

    /** The v2 canonical request: date, upper-case method, lower-case host, path, parameters. */
    public static String v2(String date, String method, String host, String path,
                            Map<String, List<String>> params) {
        return String.join("\n", date, method.toUpperCase(Locale.ROOT), host.toLowerCase(Locale.ROOT),
                path, canonicalParams(params));
    }

    /**
     * The v5 canonical request: the v2 lines, then the SHA-512 of the exact body bytes, then the
     * SHA-512 of the canonical {@code X-Duo-*} headers.
     */
    public static String v5(String date, String method, String host, String path,
                            Map<String, List<String>> params, byte[] body,
                            Map<String, String> xDuoHeaders) {
        return String.join("\n", v2(date, method, host, path, params), sha512Hex(body),
                sha512Hex(canonicalXDuoHeaders(xDuoHeaders).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Names lower-cased and sorted, joined as {@code name\0value\0name\0value}; empty for none.
     *
     * @throws IllegalArgumentException for two headers whose names differ only in case
     */
    public static String canonicalXDuoHeaders(Map<String, String> headers) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (sorted.put(name, header.getValue()) != null) {
                throw new IllegalArgumentException("duplicate X-Duo header " + name);
            }
        }
        List<String> parts = new ArrayList<>(sorted.size() * 2);
        sorted.forEach((name, value) -> {
            parts.add(name);
            parts.add(value);
        });
        return String.join("\0", parts);
    }

    /** Lower-case hex SHA-512 of {@code bytes}. */
    public static String sha512Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is required of every JDK", e);
        }
    }
}
