package dev.mfa4j.testkit.duo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A second, deliberately different Duo signer for the tests, so the simulator's verifier is not
 * checked against itself: URL-encoding by {@link URLEncoder} plus fix-ups (as Duo's Java client
 * describes its own), sorting by {@link TreeMap}, HMAC via {@link Mac} directly.
 */
final class TestSigner {

    private TestSigner() {
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    static String canonParams(Map<String, List<String>> params) {
        SortedMap<String, List<String>> sorted = new TreeMap<>();
        params.forEach((k, v) -> {
            List<String> values = new ArrayList<>();
            v.forEach(value -> values.add(encode(value)));
            values.sort(null);
            sorted.put(encode(k), values);
        });
        StringBuilder out = new StringBuilder();
        sorted.forEach((k, values) -> values.forEach(v -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(k).append('=').append(v);
        }));
        return out.toString();
    }

    static String canonV2(String date, String method, String host, String path, Map<String, List<String>> params) {
        return date + "\n" + method.toUpperCase(Locale.ROOT) + "\n" + host.toLowerCase(Locale.ROOT) + "\n" + path + "\n"
                + canonParams(params);
    }

    static String canonV5(String date, String method, String host, String path, Map<String, List<String>> query,
                          byte[] body, Map<String, String> xDuoHeaders) {
        TreeMap<String, String> headers = new TreeMap<>();
        xDuoHeaders.forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        StringBuilder joined = new StringBuilder();
        headers.forEach((k, v) -> {
            if (joined.length() > 0) {
                joined.append('\0');
            }
            joined.append(k).append('\0').append(v);
        });
        return canonV2(date, method, host, path, query) + "\n" + sha512(body) + "\n"
                + sha512(joined.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String sha512(byte[] bytes) {
        try {
            return hex(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String hmac(String algorithm, String key, String message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return hex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String basic(String ikey, String sig) {
        return "Basic " + Base64.getEncoder().encodeToString((ikey + ":" + sig).getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return out.toString();
    }
}
