package dev.mfa4j.testkit.duo.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as it arrived: method, raw path and query, headers with lower-cased names,
 * and the exact body bytes. Immutable once built (the body array is not exposed to callers
 * outside the simulator).
 */
public record RawRequest(String method, String rawPath, String rawQuery,
                         Map<String, List<String>> headers, byte[] body) {

    /** Normalizes: upper-case method, empty query for none, lower-case header names. */
    public RawRequest {
        method = method.toUpperCase(Locale.ROOT);
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, by lower-case name. */
    public Optional<String> header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The media type of the body, lower-case, without parameters; empty when absent. */
    public String mediaType() {
        return header("content-type")
                .map(value -> value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                .orElse("");
    }

    /** Whether the method carries its parameters in the body (POST, PUT, PATCH). */
    public boolean hasBodyParams() {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
