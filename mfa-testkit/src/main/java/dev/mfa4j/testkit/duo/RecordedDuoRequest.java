package dev.mfa4j.testkit.duo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request the simulator received, for tests to assert what a client sent. Immutable and
 * thread-safe; {@link #body()} returns a copy.
 *
 * @param sequenceNumber   0 for the first request the simulator received, then 1, 2...
 * @param receivedAt       when it arrived, by the simulator's clock
 * @param method           upper-case HTTP method
 * @param path             the raw path, e.g. {@code /auth/v2/auth}
 * @param rawQuery         the raw query string without {@code ?}, {@code ""} for none
 * @param headers          request headers, names lower-cased
 * @param body             the exact body bytes
 * @param params           the decoded parameters the endpoint saw: from the query (GET), the
 *                         form body or the JSON body (POST); empty if they could not be decoded
 * @param signatureStatus  the credential check's outcome
 * @param signatureScheme  how the request was signed, when the signature matched
 * @param integrationKey   the ikey named in {@code Authorization}, when there was one
 * @param fault            the fault that answered this request instead of the endpoint, if any
 * @since 0.1.0
 */
public record RecordedDuoRequest(int sequenceNumber, Instant receivedAt, String method, String path,
                                 String rawQuery, Map<String, List<String>> headers, byte[] body,
                                 Map<String, List<String>> params, SignatureStatus signatureStatus,
                                 Optional<SignatureScheme> signatureScheme,
                                 Optional<String> integrationKey, Optional<Fault> fault) {

    /**
     * Copies every mutable argument;
     *
     * @param sequenceNumber 0 for the first request the simulator received, then 1, 2...
     * @param receivedAt when it arrived, by the simulator's clock
     * @param method upper-case HTTP method
     * @param path the raw path, e.g. {@code /auth/v2/auth}
     * @param rawQuery the raw query string without {@code ?}, {@code ""} for none
     * @param headers request headers, names lower-cased
     * @param body the exact body bytes
     * @param params the decoded parameters the endpoint saw: from the query (GET), the
     *                             form body or the JSON body (POST); empty if they could not be decoded
     * @param signatureStatus the credential check's outcome
     * @param signatureScheme how the request was signed, when the signature matched
     * @param integrationKey the ikey named in {@code Authorization}, when there was one
     * @param fault the fault that answered this request instead of the endpoint, if any
     * @throws NullPointerException if an argument is null
     */
    public RecordedDuoRequest {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rawQuery, "rawQuery");
        headers = Map.copyOf(headers);
        body = body.clone();
        params = Map.copyOf(params);
        Objects.requireNonNull(signatureStatus, "signatureStatus");
        Objects.requireNonNull(signatureScheme, "signatureScheme");
        Objects.requireNonNull(integrationKey, "integrationKey");
        Objects.requireNonNull(fault, "fault");
    }

    /**
     * {@return a copy of the body bytes}
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * {@return the body as UTF-8 text}
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * {@return whether the signature matched a registered integration within the allowed clock
     * skew}
     */
    public boolean signatureVerified() {
        return signatureStatus == SignatureStatus.VERIFIED;
    }

    /**
     * {@return the first value of a header, by case-insensitive name}
     *
     * @param name a header name, in any case
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * {@return the first value of a decoded parameter}
     *
     * @param name a parameter name
     */
    public Optional<String> param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Shows the request line and the credential outcome; never the body (it may hold a passcode). */
    @Override
    public String toString() {
        return "RecordedDuoRequest[#" + sequenceNumber + " " + method + " " + path
                + (rawQuery.isEmpty() ? "" : "?…") + ", signature=" + signatureStatus
                + signatureScheme.map(s -> "/" + s).orElse("")
                + fault.map(f -> ", fault=" + f).orElse("") + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordedDuoRequest that && sequenceNumber == that.sequenceNumber
                && receivedAt.equals(that.receivedAt) && method.equals(that.method)
                && path.equals(that.path) && rawQuery.equals(that.rawQuery)
                && headers.equals(that.headers) && java.util.Arrays.equals(body, that.body)
                && params.equals(that.params) && signatureStatus == that.signatureStatus
                && signatureScheme.equals(that.signatureScheme)
                && integrationKey.equals(that.integrationKey) && fault.equals(that.fault);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequenceNumber, receivedAt, method, path, rawQuery, headers,
                java.util.Arrays.hashCode(body), params, signatureStatus, signatureScheme,
                integrationKey, fault);
    }
}
