package dev.mfa4j.duo.internal;

import dev.mfa4j.api.VerificationProgress;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * A keyword: {@code push}, {@code phone} or {@code sms}, optionally with a device number.
 * {@code POST /preauth} picks the device (or settles the matter: bypass, deny, enroll); then
 * {@code sms} is one {@code POST /auth}, which Duo answers "deny, sent", while {@code push} and
 * {@code phone} are an async {@code POST /auth} whose answer {@link AuthStatusPoller} waits for.
 * The whole flow ends at the configuration's push timeout. Thread safe.
 */
final class OutOfBandFlow {

    private static final Pattern TXID = Pattern.compile("[A-Za-z0-9-]{1,128}");

    private final DuoCalls calls;
    private final TickerTimer timer;
    private final AuthStatusPoller poller;

    /**
     * @param calls the configuration's calls
     * @param timer the push deadline
     * @param poller waits for the user's answer
     */
    OutOfBandFlow(DuoCalls calls, TickerTimer timer, AuthStatusPoller poller) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.poller = Objects.requireNonNull(poller, "poller");
    }

    /**
     * @param request the verification
     * @param choice the factor and device the keyword names
     * @return the user's answer, or what its absence means; never fails
     */
    CompletableFuture<VerificationOutcome> verify(VerificationRequest request, KeywordChoice choice) {
        long deadline = timer.deadlineIn(calls.settings().pushTimeout());
        VerifiedPushCodes codes = new VerifiedPushCodes(request, calls.settings().verifiedPush());
        return preauth(request, choice, deadline).thenCompose(decision -> {
            if (decision instanceof PreauthDecision.Done done) {
                return CompletableFuture.completedFuture(done.outcome());
            }
            PreauthDecision.Proceed proceed = (PreauthDecision.Proceed) decision;
            codes.reportFrom(proceed.statusMessage());
            return choice.factor() == Factor.SMS ? sms(request, proceed, deadline)
                    : challenge(request, choice.factor(), proceed, deadline, codes);
        });
    }

    private CompletableFuture<PreauthDecision> preauth(VerificationRequest request, KeywordChoice choice, long deadline) {
        DuoParams.Builder params = calls.forUser(request);
        if (calls.settings().verifiedPush() && choice.factor() == Factor.PUSH) {
            params.add("client_supports_verified_push", "1");
        }
        return calls.send(DuoRequest.post("/auth/v2/preauth", params.build()), untilDeadline(deadline))
                .thenApply(reply -> reply instanceof DuoReply.Ok ok
                        ? PreauthAnswers.decide(ok.response(), choice)
                        : new PreauthDecision.Done(calls.failure(reply, null)));
    }

    private CompletableFuture<VerificationOutcome> sms(VerificationRequest request, PreauthDecision.Proceed proceed, long deadline) {
        DuoParams params = calls.forUser(request).add("factor", "sms").add("device", proceed.device()).build();
        return calls.send(DuoRequest.post("/auth/v2/auth", params), untilDeadline(deadline))
                .thenApply(reply -> calls.finalAnswer(reply, Factor.SMS, null));
    }

    private CompletableFuture<VerificationOutcome> challenge(VerificationRequest request, Factor factor, PreauthDecision.Proceed proceed,
            long deadline, VerifiedPushCodes codes) {
        DuoParams.Builder params = calls.forUser(request).add("factor", factor.duoName()).add("device", proceed.device()).add("async", "1");
        if (factor == Factor.PUSH) {
            calls.settings().pushType().ifPresent(type -> params.add("type", type));
            calls.settings().pushInfo().ifPresent(info -> params.add("pushinfo", info));
            proceed.txid().ifPresent(txid -> params.add("txid", txid));
        }
        long sent = timer.now();
        return calls.send(DuoRequest.post("/auth/v2/auth", params.build()), untilDeadline(deadline)).thenCompose(reply -> {
            if (!(reply instanceof DuoReply.Ok ok)) {
                return CompletableFuture.completedFuture(calls.failure(reply, null));
            }
            String txid = ok.response().isObject() ? AuthAnswers.textOf(ok.response(), "txid") : "";
            if (!TXID.matcher(txid).matches()) {
                return CompletableFuture.completedFuture(
                        VerificationOutcome.error("Duo's answer to an async " + factor.duoName() + " has no usable txid", null));
            }
            String message = Texts.clean(AuthAnswers.textOf(ok.response(), "status_msg"));
            ProgressReports.send(request, new VerificationProgress.ChallengeSent(factor.duoName(), message.isEmpty()
                    ? (factor == Factor.PUSH ? "Pushed a login request to your device" : "Calling your phone") : message));
            codes.reportFrom(message);
            return poller.untilAnswered(new AuthStatusPoller.Challenge(request, factor, txid, sent, deadline, codes));
        });
    }

    /**
     * How long a call of the flow may wait for a free connection: until the flow's deadline,
     * since under a burst the wait is ours, not Duo's, and the user is waiting for the push anyway
     * (never less than the request timeout, so a quick flow is not starved).
     */
    private Duration untilDeadline(long deadline) {
        Duration left = timer.left(deadline);
        return left.compareTo(calls.settings().requestTimeout()) > 0 ? left : calls.settings().requestTimeout();
    }
}
