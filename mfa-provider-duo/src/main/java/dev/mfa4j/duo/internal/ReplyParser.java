package dev.mfa4j.duo.internal;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads Duo's response envelope strictly: a JSON object, no duplicate keys, nothing after it,
 * {@code stat} either {@code OK} (with a 2xx status, {@code application/json} and a {@code response})
 * or {@code FAIL}.
 * Anything else is an {@link DuoReply.Unusable}, never an answer. Thread safe.
 */
final class ReplyParser {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Clock clock;

    /** @param clock the trusted clock, to turn a {@code Retry-After} date into a wait */
    ReplyParser(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param httpStatus the HTTP status
     * @param headers the response headers
     * @param body the body bytes
     * @return what the response means
     */
    DuoReply parse(int httpStatus, HttpHeaders headers, byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (StreamReadException e) {
            if (String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
                return DuoReply.Unusable.error("Duo's answer (HTTP " + httpStatus + ") repeats a JSON key; refused as contradictory");
            }
            return notJson(httpStatus, headers);
        } catch (IOException e) {
            return notJson(httpStatus, headers);
        }
        if (root == null || !root.isObject()) {
            return notJson(httpStatus, headers);
        }
        JsonNode stat = root.get("stat");
        String statText = stat != null && stat.isTextual() ? stat.textValue() : "";
        if (statText.equals("FAIL") || httpStatus == 429) {
            return new DuoReply.Fail(httpStatus, code(root.get("code"), httpStatus), Texts.clean(text(root.get("message"))),
                    Texts.clean(text(root.get("message_detail"))), retryAfter(headers), serverDate(headers));
        }
        if (!statText.equals("OK")) {
            return DuoReply.Unusable.error("Duo's answer (HTTP " + httpStatus + ") has no stat OK or FAIL");
        }
        if (httpStatus < 200 || httpStatus > 299) {
            return DuoReply.Unusable.error("Duo's answer is contradictory: stat OK with HTTP " + httpStatus);
        }
        // An answer came, so none of what follows is an outage: an answer that cannot be used is
        // an error, and fails closed whatever the fail mode.
        JsonNode response = root.get("response");
        if (response == null || response.isNull()) {
            return DuoReply.Unusable.error("Duo's answer has stat OK but no response");
        }
        // Duo answers application/json; an OK body under another type came from something else.
        String contentType = first(headers, "Content-Type").strip().toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("application/json")) {
            return DuoReply.Unusable.error("Duo's answer has stat OK but content type '" + Texts.clean(contentType)
                    + "', not application/json; refused");
        }
        return new DuoReply.Ok(response);
    }

    private DuoReply notJson(int httpStatus, HttpHeaders headers) {
        if (httpStatus == 429) {
            return new DuoReply.Fail(429, 42901, "Too Many Requests", "", retryAfter(headers), serverDate(headers));
        }
        if (httpStatus >= 500) {
            // A gateway's error page: Duo's servers could not answer.
            return DuoReply.Unusable.unavailable("Duo's answer (HTTP " + httpStatus + ") is not a JSON object");
        }
        if (httpStatus >= 200 && httpStatus <= 299) {
            return DuoReply.Unusable.error("Duo's answer (HTTP " + httpStatus + ") is not a JSON object");
        }
        return DuoReply.Unusable.error("HTTP " + httpStatus + " with a body that is not Duo's JSON (a proxy or the wrong host?)");
    }

    private static String text(JsonNode node) {
        return node != null && node.isValueNode() ? node.asText() : "";
    }

    // Duo's code is a number, but clients have met it as a string: accept both, else 0.
    private static int code(JsonNode node, int httpStatus) {
        if (node != null && node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        if (node != null && node.isTextual() && node.textValue().strip().matches("\\d{1,9}")) {
            return Integer.parseInt(node.textValue().strip());
        }
        return httpStatus == 429 ? 42901 : 0;
    }

    // The Date and Retry-After headers matter only to an error reply, so only it reads them.
    private static Optional<Instant> serverDate(HttpHeaders headers) {
        return DuoDates.parseHttpDate(first(headers, "Date"));
    }

    private Optional<Duration> retryAfter(HttpHeaders headers) {
        String value = first(headers, "Retry-After");
        if (value.isEmpty()) {
            value = first(headers, "X-Retry-After");
        }
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.matches("\\d{1,6}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        return DuoDates.parseHttpDate(v).map(at -> {
            Duration wait = Duration.between(clock.instant(), at);
            return wait.isNegative() ? Duration.ZERO : wait;
        });
    }

    /** @return the header's first value, or empty; without the stream {@code firstValue} builds */
    private static String first(HttpHeaders headers, String name) {
        List<String> values = headers.allValues(name);
        return values.isEmpty() ? "" : values.get(0);
    }
}
