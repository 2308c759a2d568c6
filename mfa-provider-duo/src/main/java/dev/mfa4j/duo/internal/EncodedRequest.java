package dev.mfa4j.duo.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Objects;

/**
 * A request as it goes on the wire: the URI, the headers we set and the exact body bytes. Tests
 * compare these with what Duo's published vectors and Duo's own client produce.
 *
 * <p>{@link #toString()} hides the {@code Authorization} header and the body (it may hold a
 * passcode).
 *
 * @param method {@code GET} or {@code POST}
 * @param uri the full URI, query included
 * @param headers the headers we set, by name
 * @param body the body; empty for GET
 * @param canonical the string that was signed; empty if unsigned
 */
record EncodedRequest(String method, URI uri, Map<String, String> headers, byte[] body, String canonical) {

    EncodedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
        body = body.clone();
        Objects.requireNonNull(canonical, "canonical");
    }

    /** @return a copy of the body bytes */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * @return the JDK request, without a timeout of its own: the transport bounds the exchange on
     *     the verifier's ticker
     */
    HttpRequest toHttpRequest() {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        headers.forEach(builder::header);
        return builder.method(method, body.length == 0 && method.equals("GET")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncodedRequest that && method.equals(that.method) && uri.equals(that.uri)
                && headers.equals(that.headers) && java.util.Arrays.equals(body, that.body) && canonical.equals(that.canonical);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, uri.getPath(), headers.keySet());
    }

    @Override
    public String toString() {
        return "EncodedRequest[" + method + " " + uri.getPath() + ", headers=" + headers.keySet() + ", body=" + body.length + " bytes]";
    }
}
