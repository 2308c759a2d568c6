package dev.mfa4j.testkit.duo.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP answer the simulator sends: status, content type, extra headers and body. Duo's
 * envelope is built here: {@code {"stat":"OK","response":...}} and
 * {@code {"stat":"FAIL","code":...,"message":...,"message_detail":...}}, with the HTTP status
 * taken from the code's first three digits. Immutable.
 */
public record DuoResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    /** Shared and thread-safe once configured. */
    public static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the headers. */
    public DuoResponse {
        headers = Map.copyOf(headers);
    }

    /** 200 with {@code {"stat":"OK","response":response}}. */
    public static DuoResponse ok(Object response) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("stat", "OK");
        envelope.put("response", response);
        return json(200, envelope, Map.of());
    }

    /** A Duo failure; the HTTP status is {@code code / 100}. {@code detail} may be null. */
    public static DuoResponse fail(int code, String message, String detail) {
        return fail(code, message, detail, Map.of());
    }

    /** A Duo failure with extra headers, such as {@code Retry-After}. */
    public static DuoResponse fail(int code, String message, String detail, Map<String, String> headers) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("stat", "FAIL");
        envelope.put("code", code);
        envelope.put("message", message);
        if (detail != null) {
            envelope.put("message_detail", detail);
        }
        return json(code / 100, envelope, headers);
    }

    /** Duo's 40002 with a detail naming the parameter or the reason. */
    public static DuoResponse invalidParameters(String detail) {
        return fail(40002, "Invalid request parameters", detail);
    }

    /** Any status with a JSON body. */
    public static DuoResponse json(int status, Object body, Map<String, String> headers) {
        try {
            return new DuoResponse(status, "application/json", headers, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write simulator JSON", e);
        }
    }

    /** Any status with a body of the given type. */
    public static DuoResponse raw(int status, String contentType, String body) {
        return new DuoResponse(status, contentType, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }
}
