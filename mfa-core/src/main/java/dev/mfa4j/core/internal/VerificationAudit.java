package dev.mfa4j.core.internal;

import dev.mfa4j.api.InvalidInputException;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.event.VerificationEvent;
import dev.mfa4j.api.spi.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each verification as it goes, and at its end writes one DEBUG line and publishes
 * exactly one {@link VerificationEvent}.
 */
final class VerificationAudit {

    private static final Logger LOG = LoggerFactory.getLogger(VerificationEngine.class);

    private final EventDispatcher events;
    private final Clock clock;
    private final Ticker ticker;

    VerificationAudit(EventDispatcher events, Clock clock, Ticker ticker) {
        this.events = events;
        this.clock = clock;
        this.ticker = ticker;
    }

    Attempt begin(PrincipalId principal, VerificationContext context) {
        return new Attempt(principal, context, ticker.read());
    }

    /** One verification in flight. Not thread safe: each step happens after the previous one. */
    final class Attempt {
        private final PrincipalId principal;
        private final VerificationContext context;
        private final long startNanos;
        private String factor = "invalid";
        private String configuration;
        private String providerType;

        private Attempt(PrincipalId principal, VerificationContext context, long startNanos) {
            this.principal = principal;
            this.context = context;
            this.startNanos = startNanos;
        }

        void factor(String value) {
            factor = value;
        }

        void configuration(String name) {
            configuration = name;
        }

        void providerType(String type) {
            providerType = type;
        }

        /** Ends the attempt with a result whose message is also the audit detail. */
        VerificationResult end(Reason reason, String message) {
            return end(VerificationResult.of(reason, message), message);
        }

        /** Ends the attempt: logs it, publishes its event, and returns the result. Called once. */
        VerificationResult end(VerificationResult result, String detail) {
            Duration took = Duration.ofNanos(ticker.read() - startNanos);
            if (LOG.isDebugEnabled()) {
                LOG.debug("MFA verification {} for {} (configuration {}, factor {}): {} in {} ms", context.requestId(), principal,
                        configuration == null ? "-" : configuration, factor, result.reason(), took.toMillis());
            }
            publish(Optional.of(result.reason()), result.allowed(), detail, took);
            return result;
        }

        /** Ends an attempt whose input was refused with an exception. */
        void refusedInput(InvalidInputException refused) {
            publish(Optional.empty(), false, refused.getMessage(), Duration.ofNanos(ticker.read() - startNanos));
        }

        private void publish(Optional<Reason> reason, boolean allowed, String detail, Duration took) {
            if (!events.hasListeners()) {
                return;
            }
            events.publish(new VerificationEvent(clock.instant(), context.requestId(), principal, context.clientIp(),
                    context.applicationName(), Optional.ofNullable(configuration), Optional.ofNullable(providerType), factor, reason,
                    allowed, detail, took));
        }
    }
}
