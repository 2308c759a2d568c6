package dev.mfa4j.testkit.duo.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Duo's URL encoding (RFC 3986 unreserved set kept, every other UTF-8 byte as upper-case
 * {@code %XX}) and the decoding of query strings and form bodies. Stateless and thread-safe.
 */
public final class DuoUrlEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private DuoUrlEncoding() {
    }

    /** Encodes {@code text} the way Duo canonicalizes it: space is {@code %20}, {@code ~} stays. */
    public static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /**
     * Decodes an {@code application/x-www-form-urlencoded} string (a form body or a query) into
     * ordered key to values. {@code +} is a space, as servers decode forms.
     *
     * @throws IllegalArgumentException on a broken {@code %} escape or bytes that are not UTF-8
     */
    public static Map<String, List<String>> decodeForm(String encoded) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decodeComponent(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeComponent(pair.substring(eq + 1));
            params.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
        }
        return params;
    }

    /** Percent-decodes one component, with {@code +} as space; strict UTF-8. */
    public static String decodeComponent(String component) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(component.length());
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '%') {
                if (i + 2 >= component.length()) {
                    throw new IllegalArgumentException("broken percent escape");
                }
                int hi = Character.digit(component.charAt(i + 1), 16);
                int lo = Character.digit(component.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("broken percent escape");
                }
                bytes.write((hi << 4) | lo);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                // A raw non-ASCII character: a lenient client; keep its UTF-8 bytes.
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8", e);
        }
    }
}
