package dev.mfa4j.duo.internal;

import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationProgress;
import dev.mfa4j.api.spi.OptionValues;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Waits for the user's answer to a push or phone call: {@code GET /auth_status} long-polls until
 * Duo gives a final result or the push deadline passes, reporting each waiting status to the login
 * page. Duo holds a poll open until something changes; should it answer "waiting" at once, the next
 * poll starts no sooner than the least poll interval after the last one. Thread safe.
 */
final class AuthStatusPoller {

    /**
     * A push or call Duo has sent, waiting for the user.
     *
     * @param request the verification
     * @param factor push or phone
     * @param txid Duo's transaction id
     * @param sent when the challenge was sent, for the waiting time reported
     * @param deadline the timer's reading at which the push times out
     * @param codes where Verified Push codes are reported
     */
    record Challenge(VerificationRequest request, Factor factor, String txid, long sent, long deadline, VerifiedPushCodes codes) {
    }

    private final DuoCalls calls;
    private final TickerTimer timer;
    private final Duration minPollInterval;

    /**
     * @param calls the configuration's calls
     * @param timer the deadline and the pauses
     * @param minPollInterval the least time between the starts of two polls
     */
    AuthStatusPoller(DuoCalls calls, TickerTimer timer, Duration minPollInterval) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.minPollInterval = Objects.requireNonNull(minPollInterval, "minPollInterval");
    }

    /**
     * @param challenge the push or call
     * @return the user's answer, {@link Reason#TIMED_OUT} at the deadline, or what a failed poll
     *     means; never fails
     */
    CompletableFuture<VerificationOutcome> untilAnswered(Challenge challenge) {
        // Read before sending: the pause below counts from here, so a test that advances its
        // ticker once it has seen this request arrive has always covered the pause.
        long pollStarts = timer.now();
        Duration left = Duration.ofNanos(challenge.deadline() - pollStarts);
        if (left.isNegative() || left.isZero()) {
            return CompletableFuture.completedFuture(timedOut(challenge.factor()));
        }
        DuoRequest poll = DuoRequest.get("/auth/v2/auth_status", DuoParams.builder().add("txid", challenge.txid()).build());
        return calls.sendWithin(poll, left).thenCompose(reply -> {
            // The exchange's limit was the time left to the deadline, and the timer is never early:
            // a poll that timed out is the push timing out, not Duo failing.
            if (reply instanceof DuoReply.Unusable u && u.timedOut() && timer.left(challenge.deadline()).compareTo(Duration.ZERO) <= 0) {
                return CompletableFuture.completedFuture(timedOut(challenge.factor()));
            }
            if (!(reply instanceof DuoReply.Ok ok)) {
                return CompletableFuture.completedFuture(calls.failure(reply, null));
            }
            AuthDecision decision = AuthAnswers.decide(ok.response(), challenge.factor(), true, null);
            if (decision instanceof AuthDecision.Final answered) {
                return CompletableFuture.completedFuture(answered.outcome());
            }
            AuthDecision.Waiting waiting = (AuthDecision.Waiting) decision;
            challenge.codes().reportFrom(waiting.statusMessage());
            ProgressReports.send(challenge.request(), new VerificationProgress.Waiting(Duration.ofNanos(timer.now() - challenge.sent()),
                    waiting.statusMessage().isEmpty() ? "waiting (" + Texts.clean(waiting.status()) + ")" : waiting.statusMessage()));
            return timer.at(pollStarts + minPollInterval.toNanos()).thenCompose(x -> untilAnswered(challenge));
        });
    }

    private VerificationOutcome timedOut(Factor factor) {
        return VerificationOutcome.rejected(Reason.TIMED_OUT, "no answer to the " + factor.duoName() + " within PushTimeout "
                + OptionValues.format(calls.settings().pushTimeout()));
    }
}
