package dev.mfa4j.duo.internal;

import dev.mfa4j.api.spi.HealthStatus;
import dev.mfa4j.api.spi.VerificationOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Whether a configuration can reach Duo: {@code GET /ping} (unsigned: is Duo there, and what time
 * does it say?), then {@code GET /check} (signed: does Duo accept this integration's keys?). The
 * ping's time gives the clock offset, which explains many a refused signature. Thread safe.
 */
final class HealthCheck {

    private final DuoCalls calls;
    private final TickerTimer timer;
    private final Clock clock;

    /**
     * @param calls the configuration's calls
     * @param timer measures how long the check took
     * @param clock this host's wall clock, compared with Duo's
     */
    HealthCheck(DuoCalls calls, TickerTimer timer, Clock clock) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param inFlight counts the check as a call in flight
     * @return the status, with the time the check took; never fails
     */
    CompletableFuture<HealthStatus> run(InFlightCalls inFlight) {
        long started = timer.now();
        try {
            return inFlight.run(this::pingThenCheck, "health check").thenApply(outcome -> outcome instanceof VerificationOutcome.Approved
                    ? new HealthStatus(HealthStatus.State.HEALTHY, outcome.message(), since(started))
                    : unhealthy(outcome.reason() + ": " + outcome.message(), started));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(unhealthy("the health check failed: " + e.getClass().getSimpleName(), started));
        }
    }

    private CompletableFuture<VerificationOutcome> pingThenCheck() {
        return calls.send(new DuoRequest("GET", "/auth/v2/ping", DuoParams.NONE, false, true)).thenCompose(ping -> {
            if (!(ping instanceof DuoReply.Ok ok)) {
                return CompletableFuture.completedFuture(calls.failure(ping, null));
            }
            String skew = "";
            if (ok.response().path("time").canConvertToLong()) {
                long offset = ok.response().path("time").longValue() - clock.instant().getEpochSecond();
                skew = "; Duo's clock is " + offset + " s from this host's"
                        + (Math.abs(offset) > Failures.SKEW_WORTH_MENTIONING.toSeconds() ? " (clock skew: check NTP)" : "");
            }
            String pingNote = skew;
            return calls.send(DuoRequest.get("/auth/v2/check", DuoParams.NONE)).thenApply(check -> check instanceof DuoReply.Ok
                    ? VerificationOutcome.approved("Duo " + calls.settings().host() + " is reachable and accepts this integration's keys"
                            + pingNote)
                    : withNote(calls.failure(check, null), pingNote));
        });
    }

    private static VerificationOutcome withNote(VerificationOutcome outcome, String note) {
        if (note.isEmpty() || !(outcome instanceof VerificationOutcome.NoVerdict noVerdict)) {
            return outcome;
        }
        return new VerificationOutcome.NoVerdict(noVerdict.reason(), noVerdict.message() + note, noVerdict.cause());
    }

    private HealthStatus unhealthy(String message, long started) {
        return new HealthStatus(HealthStatus.State.UNHEALTHY, message, since(started));
    }

    private Duration since(long started) {
        return Duration.ofNanos(timer.now() - started);
    }
}
