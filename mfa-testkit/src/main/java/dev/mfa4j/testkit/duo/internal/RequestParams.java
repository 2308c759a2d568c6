package dev.mfa4j.testkit.duo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters an endpoint sees, decoded as Duo does: the query for GET and DELETE; for POST,
 * PUT and PATCH the JSON object body ({@code application/json}, v5) or the form body (anything
 * else, v2). Stateless.
 */
public final class RequestParams {

    private RequestParams() {
    }

    /** The parameters, or empty when the query or body cannot be decoded. */
    public static Optional<Map<String, List<String>>> of(RawRequest request) {
        try {
            if (!request.hasBodyParams()) {
                return Optional.of(DuoUrlEncoding.decodeForm(request.rawQuery()));
            }
            if (request.mediaType().equals("application/json")) {
                return json(request.body());
            }
            return Optional.of(DuoUrlEncoding.decodeForm(request.bodyText()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Map<String, List<String>>> json(byte[] body) {
        JsonNode root;
        try {
            root = DuoResponse.JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            // Numbers ("async": 1) read as their text; objects and arrays as JSON text.
            List<String> values = new ArrayList<>(1);
            values.add(value.isValueNode() ? value.asText() : value.toString());
            params.put(field.getKey(), values);
        }
        return Optional.of(params);
    }
}
