package dev.mfa4j.duo.internal;

import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The calls a verification makes to Duo, as one configuration makes them: the user parameter and
 * the client's address on every request, the configuration's request timeout and retry budget,
 * and what a reply that carries no answer means. Thread safe.
 */
final class DuoCalls {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final DuoSettings settings;
    private final DuoTransport transport;
    private final Clock clock;

    /**
     * @param settings the configuration
     * @param transport sends the calls
     * @param clock the wall clock, for the clock-skew hint of a refused signature
     */
    DuoCalls(DuoSettings settings, DuoTransport transport, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return the configuration */
    DuoSettings settings() {
        return settings;
    }

    /**
     * @param request the verification
     * @return parameters naming the user (by user id or username, as configured) and, if it is a
     *     dotted quad, the client's address: Duo takes {@code ipaddr} in no other form
     */
    DuoParams.Builder forUser(VerificationRequest request) {
        DuoParams.Builder params = DuoParams.builder().add(settings.userParameter(), request.providerUserId());
        request.context().clientIp().filter(ip -> IPV4.matcher(ip).matches()).ifPresent(ip -> params.add("ipaddr", ip));
        return params;
    }

    /** @return the reply to {@code request}, within the request timeout and the retry budget; never fails */
    CompletableFuture<DuoReply> send(DuoRequest request) {
        return transport.call(request, settings.requestTimeout(), settings.retryBudget());
    }

    /**
     * @param queueLimit how long the call may wait for a free connection
     * @return as {@link #send(DuoRequest)}, but the call may queue for {@code queueLimit}
     */
    CompletableFuture<DuoReply> send(DuoRequest request, Duration queueLimit) {
        return transport.call(request, settings.requestTimeout(), settings.retryBudget(), queueLimit);
    }

    /**
     * @param limit the time left: the exchange, its wait for a connection and any retry waits
     *     all end within it
     * @return the reply to a long-poll; never fails
     */
    CompletableFuture<DuoReply> sendWithin(DuoRequest request, Duration limit) {
        return transport.call(request, limit, limit);
    }

    /**
     * @param reply the reply to a synchronous {@code /auth}
     * @param factor what was asked
     * @param secret the passcode sent, to keep out of messages; null if none
     * @return Duo's verdict, or what its absence means
     */
    VerificationOutcome finalAnswer(DuoReply reply, Factor factor, String secret) {
        if (reply instanceof DuoReply.Ok ok) {
            return ((AuthDecision.Final) AuthAnswers.decide(ok.response(), factor, false, secret)).outcome();
        }
        return failure(reply, secret);
    }

    /**
     * @param reply a reply that is not {@link DuoReply.Ok}
     * @param secret the passcode sent, to keep out of messages; null if none
     * @return the outcome: no verdict on the user
     */
    VerificationOutcome failure(DuoReply reply, String secret) {
        if (reply instanceof DuoReply.Fail fail) {
            return Failures.outcome(fail, clock, settings.name(), secret);
        }
        if (reply instanceof DuoReply.Unusable unusable) {
            return Failures.outcome(unusable, secret);
        }
        return VerificationOutcome.error("unexpected reply", null);
    }
}
