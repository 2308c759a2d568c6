package dev.mfa4j.duo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mfa4j.api.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What one Auth API call came back with, once read: a usable answer, Duo's error, or neither. */
sealed interface DuoReply {

    /**
     * {@code {"stat":"OK","response":...}} with a 2xx status.
     *
     * @param response the {@code response} member
     */
    record Ok(JsonNode response) implements DuoReply {
        public Ok {
            Objects.requireNonNull(response, "response");
        }
    }

    /**
     * {@code {"stat":"FAIL",...}}, or any HTTP 429.
     *
     * @param httpStatus the HTTP status
     * @param code Duo's code, such as 40103; 0 if absent or not a number
     * @param message Duo's message, cleaned of control characters and shortened; may be empty
     * @param detail Duo's {@code message_detail}, cleaned likewise; may be empty
     * @param retryAfter what {@code Retry-After} (or {@code X-Retry-After}) asked for, if anything
     * @param serverDate the response's {@code Date} header, for a clock-skew hint
     */
    record Fail(int httpStatus, int code, String message, String detail, Optional<Duration> retryAfter,
            Optional<Instant> serverDate) implements DuoReply {
        public Fail {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(retryAfter, "retryAfter");
            Objects.requireNonNull(serverDate, "serverDate");
        }

        /** @return whether this is Duo's rate limit */
        boolean rateLimited() {
            return httpStatus == 429 || code == 42901;
        }

        /** @return {@code message: detail}, or the one that is present */
        String text() {
            if (detail.isEmpty()) {
                return message;
            }
            return message.isEmpty() ? detail : message + ": " + detail;
        }
    }

    /**
     * No usable answer: the call failed, or what came back cannot be trusted or understood.
     *
     * @param reason {@link Reason#PROVIDER_UNAVAILABLE} (no answer: unreachable, timed out, 5xx,
     *     the connection broken before the whole answer), {@link Reason#RATE_LIMITED} (not sent:
     *     every connection this verifier may open was busy) or {@link Reason#PROVIDER_ERROR} (TLS
     *     failure, an answer that is malformed, too large, contradictory or unknown)
     * @param message what happened, for logs; never a secret
     * @param timedOut whether the call ran out of time
     * @param cause the exception, if any
     */
    record Unusable(Reason reason, String message, boolean timedOut, Optional<Throwable> cause) implements DuoReply {
        public Unusable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(cause, "cause");
            if (reason != Reason.PROVIDER_UNAVAILABLE && reason != Reason.PROVIDER_ERROR && reason != Reason.RATE_LIMITED) {
                throw new IllegalArgumentException("an unusable reply is unavailable, rate limited or an error, not " + reason);
            }
        }

        static Unusable unavailable(String message) {
            return new Unusable(Reason.PROVIDER_UNAVAILABLE, message, false, Optional.empty());
        }

        static Unusable error(String message) {
            return new Unusable(Reason.PROVIDER_ERROR, message, false, Optional.empty());
        }
    }
}
