package dev.mfa4j.duo.internal;

import java.util.Objects;

/**
 * One call to the Auth API, before encoding and signing.
 *
 * @param method {@code GET} or {@code POST}
 * @param path such as {@code /auth/v2/auth}
 * @param params the parameters
 * @param signed false only for {@code /auth/v2/ping}, which Duo does not authenticate
 * @param mayRetryOn429 whether an HTTP 429 answer may be retried (always true for the Auth API:
 *     Duo refused the request before acting on it)
 */
record DuoRequest(String method, String path, DuoParams params, boolean signed, boolean mayRetryOn429) {

    DuoRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(params, "params");
        if (!method.equals("GET") && !method.equals("POST")) {
            throw new IllegalArgumentException("only GET and POST are used: " + method);
        }
    }

    /** @return a signed GET */
    static DuoRequest get(String path, DuoParams params) {
        return new DuoRequest("GET", path, params, true, true);
    }

    /** @return a signed POST */
    static DuoRequest post(String path, DuoParams params) {
        return new DuoRequest("POST", path, params, true, true);
    }

    /** @return what to call it in logs: method and path, never parameters */
    String describe() {
        return method + " " + path;
    }

    @Override
    public String toString() {
        return "DuoRequest[" + describe() + ", " + params + "]";
    }
}
