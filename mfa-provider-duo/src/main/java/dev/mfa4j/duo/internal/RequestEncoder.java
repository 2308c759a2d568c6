package dev.mfa4j.duo.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a {@link DuoRequest} into the bytes Duo receives, signed with the configured version.
 *
 * <ul>
 *   <li>GET, both versions: parameters in the query string, in canonical form.</li>
 *   <li>POST, v2: parameters as an {@code application/x-www-form-urlencoded} body, in canonical
 *       form (the same string that is signed).</li>
 *   <li>POST, v5: parameters as a compact JSON object with sorted keys and string values; the
 *       signature covers the SHA-512 of exactly those bytes.</li>
 * </ul>
 *
 * <p>Thread safe; every call signs anew with the clock's current time.
 */
final class RequestEncoder {

    private static final JsonFactory JSON = new JsonFactory();

    private final String host;
    private final DuoSigner signer;
    private final SignatureVersion version;
    private final Clock clock;
    private final String userAgent;
    /** URIs without a query, by path: the few Auth API paths, parsed once. */
    private final ConcurrentHashMap<String, URI> uris = new ConcurrentHashMap<>();

    /**
     * @param host the host as configured, with {@code :port} if any; signed lower-cased
     * @param signer signs with the integration's keys
     * @param version the canonical format
     * @param clock the trusted clock for the {@code Date} header
     * @param userAgent the {@code User-Agent} value
     */
    RequestEncoder(String host, DuoSigner signer, SignatureVersion version, Clock clock, String userAgent) {
        this.host = Objects.requireNonNull(host, "host");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.version = Objects.requireNonNull(version, "version");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
        if (version == SignatureVersion.V5 && signer.algorithm() != HmacAlgorithm.HMAC_SHA512) {
            throw new IllegalArgumentException("signature version 5 always uses HmacSHA512");
        }
    }

    /**
     * @param request the call
     * @return the request as sent, signed now
     */
    EncodedRequest encode(DuoRequest request) {
        boolean get = request.method().equals("GET");
        String query = get ? request.params().canonical() : "";
        URI uri = query.isEmpty() ? uris.computeIfAbsent(request.path(), path -> URI.create("https://" + host + path))
                : URI.create("https://" + host + request.path() + "?" + query);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", userAgent);
        byte[] body = new byte[0];
        if (!get) {
            if (version == SignatureVersion.V5) {
                body = json(request.params());
                headers.put("Content-Type", "application/json");
            } else {
                body = request.params().canonical().getBytes(StandardCharsets.US_ASCII);
                headers.put("Content-Type", "application/x-www-form-urlencoded");
            }
        }
        if (!request.signed()) {
            return new EncodedRequest(request.method(), uri, headers, body, "");
        }
        String date = DuoDates.now(clock);
        String canonical = version == SignatureVersion.V5
                ? Canonicalizer.v5(date, request.method(), host, request.path(), get ? request.params() : DuoParams.NONE, body, Map.of())
                : Canonicalizer.v2(date, request.method(), host, request.path(), request.params());
        headers.put("Date", date);
        headers.put("Authorization", signer.authorization(canonical));
        return new EncodedRequest(request.method(), uri, headers, body, canonical);
    }

    /**
     * @param params parameters with distinct keys
     * @return {@code {"k":"v",...}}, keys sorted, no spaces, UTF-8
     */
    static byte[] json(DuoParams params) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartObject();
            String previous = null;
            for (DuoParams.Param p : params.entries()) {
                if (p.key().equals(previous)) {
                    throw new IllegalArgumentException("a JSON body cannot repeat the key " + p.key());
                }
                generator.writeStringField(p.key(), p.value());
                previous = p.key();
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }
}
