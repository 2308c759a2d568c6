package dev.mfa4j.duo.internal;

import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.VerificationOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps Duo's {@code stat: FAIL} answers, and replies that could not be used, to outcomes.
 *
 * <ul>
 *   <li>40002 with "no capable device": {@link Reason#NO_CAPABLE_DEVICE}; other 40002: a
 *       provider error (bad request).</li>
 *   <li>40101, 40102, 40103 (credentials, identity, signature), 40301 (forbidden): provider
 *       errors, logged at ERROR without any key; a clock-skew hint when the dates say so.</li>
 *   <li>HTTP 429 or 42901 (rate limit, after the allowed retries): {@link Reason#RATE_LIMITED}:
 *       Duo answered and refused to act, which is no outage, so it never fails open.</li>
 *   <li>50001 and any 5xx: {@link Reason#PROVIDER_UNAVAILABLE}.</li>
 *   <li>Any other code: a provider error.</li>
 * </ul>
 */
final class Failures {

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    /** More than this between our clock and Duo's is worth saying; Duo's tolerance is about 5 minutes. */
    static final Duration SKEW_WORTH_MENTIONING = Duration.ofSeconds(60);

    private Failures() {
    }

    /**
     * @param fail Duo's failure
     * @param clock the trusted clock, to compare with Duo's {@code Date}
     * @param configuration the configuration name, for the ERROR log
     * @param secret a value to keep out of messages (the passcode), or null
     * @return the outcome
     */
    static VerificationOutcome outcome(DuoReply.Fail fail, Clock clock, String configuration, String secret) {
        String text = Texts.without(fail.text(), secret);
        String said = "Duo error " + fail.code() + " (HTTP " + fail.httpStatus() + ")" + (text.isEmpty() ? "" : ": " + text);
        int code = fail.code();
        if (fail.rateLimited()) {
            return VerificationOutcome.rateLimited("rate limited by Duo after the allowed retries; " + said);
        }
        if (code == 40002 && text.toLowerCase(Locale.ROOT).contains("no capable device")) {
            return VerificationOutcome.rejected(Reason.NO_CAPABLE_DEVICE, said);
        }
        if (code >= 40100 && code <= 40199) {
            String skew = skewHint(fail, clock);
            LOG.error("MFA-DUO-001 Duo refused the credentials of MFA configuration '{}': {}{}. Check IntegrationKey, SecretKey and Host"
                    + " (the secret key is not logged).", configuration, said, skew);
            return VerificationOutcome.error("Duo refused this integration's credentials; " + said + skew, null);
        }
        if (code == 40301) {
            LOG.error("MFA-DUO-002 Duo forbids this call for MFA configuration '{}': {}. Is it an Auth API integration?", configuration, said);
            return VerificationOutcome.error("Duo forbids this call for this integration; " + said, null);
        }
        if (code >= 50000 || fail.httpStatus() >= 500) {
            return VerificationOutcome.unavailable("Duo failed; " + said, null);
        }
        return VerificationOutcome.error("Duo refused the request; " + said, null);
    }

    /**
     * @param unusable a reply that could not be used
     * @param secret a value to keep out of the message, or null
     * @return the outcome: unavailable, rate limited or error, as the reply says
     */
    static VerificationOutcome outcome(DuoReply.Unusable unusable, String secret) {
        String message = Texts.without(unusable.message(), secret);
        return switch (unusable.reason()) {
            case PROVIDER_UNAVAILABLE -> VerificationOutcome.unavailable(message, unusable.cause().orElse(null));
            case RATE_LIMITED -> VerificationOutcome.rateLimited(message);
            default -> VerificationOutcome.error(message, unusable.cause().orElse(null));
        };
    }

    // Duo does not say "clock skew" in a documented code; its Date header and wording can.
    private static String skewHint(DuoReply.Fail fail, Clock clock) {
        Optional<Duration> skew = fail.serverDate().map(date -> Duration.between(clock.instant(), date));
        if (skew.isPresent() && skew.get().abs().compareTo(SKEW_WORTH_MENTIONING) > 0) {
            return "; clock skew: Duo's clock is " + skew.get().toSeconds() + " s from this host's; check NTP";
        }
        String lower = fail.text().toLowerCase(Locale.ROOT);
        if (lower.contains("date") || lower.contains("timestamp") || lower.contains("skew") || lower.contains("time")) {
            return "; possibly clock skew: check this host's clock";
        }
        return "";
    }
}
