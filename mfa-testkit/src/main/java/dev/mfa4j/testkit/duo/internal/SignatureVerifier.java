package dev.mfa4j.testkit.duo.internal;

import dev.mfa4j.testkit.duo.SignatureScheme;
import dev.mfa4j.testkit.duo.SignatureStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Checks a request's {@code Authorization} header the way Duo's Auth API does: Basic
 * {@code ikey:hexsig}, the integration known, the signature equal to an HMAC of a canonical
 * request the client could have signed (v2 with HMAC-SHA1 or HMAC-SHA512 over the form body or
 * query; v5 over the JSON body hash and {@code X-Duo-*} headers), and the signed date within the
 * allowed skew of the simulator's clock. Thread-safe: it holds no mutable state of its own.
 */
public final class SignatureVerifier {

    /** The outcome, and what is known about who signed. */
    public record Result(SignatureStatus status, Optional<SignatureScheme> scheme,
                         Optional<String> integrationKey, String detail) {

        static Result refused(SignatureStatus status, String ikey, String detail) {
            return new Result(status, Optional.empty(), Optional.ofNullable(ikey), detail);
        }
    }

    private final Function<String, Optional<String>> secretKeys;
    private final Clock clock;
    private final Duration allowedSkew;
    private final Set<String> extraHosts;

    /**
     * @param secretKeys  the secret key of a registered integration key, if any
     * @param clock       the simulator's clock, against which the signed date is checked
     * @param allowedSkew how far the signed date may be from the clock either way
     * @param extraHosts  host names accepted in the signature besides the request's Host header
     */
    public SignatureVerifier(Function<String, Optional<String>> secretKeys, Clock clock,
                             Duration allowedSkew, Set<String> extraHosts) {
        this.secretKeys = secretKeys;
        this.clock = clock;
        this.allowedSkew = allowedSkew;
        this.extraHosts = Set.copyOf(extraHosts);
    }

    /** Verifies {@code request}; never throws for bad input, which maps to a refusal. */
    public Result verify(RawRequest request) {
        Optional<String> authorization = request.header("authorization");
        if (authorization.isEmpty()) {
            return Result.refused(SignatureStatus.MISSING_CREDENTIALS, null, "no Authorization header");
        }
        String value = authorization.get().trim();
        if (value.length() < 6 || !value.substring(0, 6).equalsIgnoreCase("basic ")) {
            return Result.refused(SignatureStatus.MISSING_CREDENTIALS, null, "Authorization is not Basic");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Result.refused(SignatureStatus.MISSING_CREDENTIALS, null, "Authorization is not Base64");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Result.refused(SignatureStatus.MISSING_CREDENTIALS, null, "Authorization has no ikey:signature");
        }
        String ikey = decoded.substring(0, colon);
        String signature = decoded.substring(colon + 1).toLowerCase(Locale.ROOT);
        Optional<String> skey = secretKeys.apply(ikey);
        if (skey.isEmpty()) {
            return Result.refused(SignatureStatus.UNKNOWN_INTEGRATION, ikey, "unknown integration key");
        }
        // duo_unix signs X-Duo-Date, the other clients Date; X-Duo-Date wins when both are sent.
        Optional<String> date = request.header("x-duo-date").or(() -> request.header("date"));
        if (date.isEmpty()) {
            return Result.refused(SignatureStatus.INVALID_SIGNATURE, ikey, "no Date or X-Duo-Date header");
        }
        Optional<SignatureScheme> scheme = matchingScheme(request, date.get(), skey.get(), signature);
        if (scheme.isEmpty()) {
            return Result.refused(SignatureStatus.INVALID_SIGNATURE, ikey, "signature does not match");
        }
        Optional<Instant> signedAt = parseDate(date.get());
        if (signedAt.isEmpty()) {
            return new Result(SignatureStatus.BAD_TIMESTAMP, scheme, Optional.of(ikey), "date is not RFC 2822");
        }
        Duration skew = Duration.between(clock.instant(), signedAt.get()).abs();
        if (skew.compareTo(allowedSkew) > 0) {
            return new Result(SignatureStatus.BAD_TIMESTAMP, scheme, Optional.of(ikey),
                    "date is " + skew.toSeconds() + " s from the server's clock");
        }
        return new Result(SignatureStatus.VERIFIED, scheme, Optional.of(ikey), "");
    }

    private Optional<SignatureScheme> matchingScheme(RawRequest request, String date, String skey,
                                                     String signature) {
        List<String> hosts = new ArrayList<>(candidateHosts(request));
        String method = request.method();
        String path = request.rawPath();
        Map<String, List<String>> query;
        try {
            query = DuoUrlEncoding.decodeForm(request.rawQuery());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean json = request.mediaType().equals("application/json");
        // v2: parameters from the form body (POST and friends) or the query (GET and DELETE).
        // A JSON body can only be v5, as Duo requires.
        if (!(request.hasBodyParams() && json)) {
            Map<String, List<String>> v2Params = query;
            if (request.hasBodyParams()) {
                if (request.body().length > 0
                        && !request.mediaType().equals("application/x-www-form-urlencoded")) {
                    v2Params = null;
                } else {
                    try {
                        v2Params = DuoUrlEncoding.decodeForm(request.bodyText());
                    } catch (IllegalArgumentException e) {
                        v2Params = null;
                    }
                }
            }
            if (v2Params != null) {
                Hmac hmac = signature.length() == 40 ? Hmac.SHA1 : Hmac.SHA512;
                for (String host : hosts) {
                    String canonical = DuoCanonicalizer.v2(date, method, host, path, v2Params);
                    if (same(hmac.hex(skey, canonical), signature)) {
                        return Optional.of(hmac == Hmac.SHA1 ? SignatureScheme.V2_HMAC_SHA1
                                : SignatureScheme.V2_HMAC_SHA512);
                    }
                }
            }
        }
        if (signature.length() != 128 || (request.hasBodyParams() && !json)) {
            return Optional.empty();
        }
        Map<String, String> xDuo = new TreeMap<>();
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            if (header.getKey().startsWith("x-duo-")) {
                if (header.getValue().size() != 1) {
                    return Optional.empty();
                }
                xDuo.put(header.getKey(), header.getValue().get(0));
            }
        }
        byte[] body = request.hasBodyParams() ? request.body() : new byte[0];
        for (String host : hosts) {
            String canonical = DuoCanonicalizer.v5(date, method, host, path, query, body, xDuo);
            if (same(Hmac.SHA512.hex(skey, canonical), signature)) {
                return Optional.of(SignatureScheme.V5_HMAC_SHA512);
            }
        }
        return Optional.empty();
    }

    private Set<String> candidateHosts(RawRequest request) {
        Set<String> hosts = new LinkedHashSet<>();
        request.header("host").ifPresent(host -> hosts.add(host.trim().toLowerCase(Locale.ROOT)));
        hosts.addAll(extraHosts);
        return hosts;
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses an RFC 2822 date as Duo's clients write it (any zone offset, English names). */
    public static Optional<Instant> parseDate(String date) {
        try {
            return Optional.of(ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
