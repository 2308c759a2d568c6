package dev.mfa4j.duo.internal;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.ProgressListener;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationProgress;
import dev.mfa4j.api.spi.HealthStatus;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.OptionValues;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verifier of one {@code duo} configuration revision. Thread safe; every method returns at
 * once with a future that is completed from HTTP callbacks, so no thread waits on Duo or on the
 * user. The flows:
 *
 * <ul>
 *   <li>passcode: {@code POST /auth} with {@code factor=passcode}, one try (plus 429 retries);</li>
 *   <li>push, phone: {@code POST /preauth} to pick the device, {@code POST /auth} with
 *       {@code async=1}, then {@code GET /auth_status} long-polls until a final result or the
 *       push deadline;</li>
 *   <li>sms: preauth, then {@code POST /auth} with {@code factor=sms}, which Duo answers
 *       "deny, sent": reported as {@link Reason#PASSCODES_SENT}.</li>
 * </ul>
 */
final class DuoVerifier implements MfaVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(DuoVerifier.class);
    private static final Pattern TXID = Pattern.compile("[A-Za-z0-9-]{1,128}");
    private static final Pattern VERIFICATION_CODE = Pattern.compile("(?i)verification code[:\\s]+(\\d{2,10})\\b");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final DuoSettings settings;
    private final Tuning tuning;
    private final DuoSigner signer;
    private final DuoTransport transport;
    private final TickerTimer timer;
    private final ExecutorService ownedExecutor;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean closed;

    /**
     * @param settings the configuration
     * @param tuning clock, ticker and pacing
     * @param ownedExecutor the executor to shut down on close, or null if the caller owns it
     * @param timer every wait, on the tuning's ticker and the executor for HTTP callbacks
     * @param client the shared client of this revision
     */
    DuoVerifier(DuoSettings settings, Tuning tuning, ExecutorService ownedExecutor, TickerTimer timer, HttpClient client) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        this.ownedExecutor = ownedExecutor;
        this.timer = Objects.requireNonNull(timer, "timer");
        this.signer = new DuoSigner(settings.integrationKey(), settings.secretKey(), settings.hmac());
        RequestEncoder encoder = new RequestEncoder(settings.host(), signer, settings.signatureVersion(), tuning.clock(),
                tuning.userAgent());
        RetryPolicy retries = new RetryPolicy(tuning.retryInitial(), settings.retryBudget(), tuning.jitter());
        this.transport = new DuoTransport(client, encoder, new ReplyParser(tuning.clock()), retries, timer, settings.host(),
                tuning.maxExchanges());
    }

    @Override
    public CompletableFuture<VerificationOutcome> verify(VerificationRequest request) {
        try {
            return guarded(() -> route(request), "verification").thenApply(outcome -> {
                log(request, outcome);
                return outcome;
            });
        } catch (RuntimeException e) {
            // Only a bug gets here; the contract is: never throw.
            return CompletableFuture.completedFuture(VerificationOutcome.error("the duo verifier failed: " + e.getClass().getSimpleName(), e));
        }
    }

    @Override
    public CompletableFuture<HealthStatus> health() {
        long started = timer.now();
        Function<String, HealthStatus> unhealthy = message -> new HealthStatus(HealthStatus.State.UNHEALTHY, message, since(started));
        try {
            return guarded(this::ping, "health check").thenApply(outcome -> outcome instanceof VerificationOutcome.Approved
                    ? new HealthStatus(HealthStatus.State.HEALTHY, outcome.message(), since(started))
                    : unhealthy.apply(outcome.reason() + ": " + outcome.message()));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(unhealthy.apply("the health check failed: " + e.getClass().getSimpleName()));
        }
    }

    /** Stops new work; calls in flight finish, then the owned pool is released. Never throws. */
    @Override
    public void close() {
        closed = true;
        releaseIfIdle();
    }

    @Override
    public String toString() {
        return "DuoVerifier[" + settings + "]";
    }

    /** @return the timer of every wait, for tests that must know what the verifier waits for */
    TickerTimer timer() {
        return timer;
    }

    // ---- the flows -------------------------------------------------------------------------

    private CompletableFuture<VerificationOutcome> route(VerificationRequest request) {
        String user = request.providerUserId();
        if (user.isBlank() || user.length() > 256 || hasControlCharacter(user)) {
            return done(new VerificationOutcome.NoVerdict(Reason.CONFIGURATION_ERROR,
                    "the assignment's provider user id is not usable as a Duo " + settings.userParameter(), Optional.empty()));
        }
        Credential credential = request.credential();
        if (credential instanceof Credential.Passcode passcode) {
            return passcode(request, passcode.digits());
        }
        Optional<KeywordChoice> choice = KeywordChoice.parse(((Credential.Keyword) credential).name());
        if (choice.isEmpty()) {
            return done(VerificationOutcome.error("the duo provider does not know the keyword '" + credential.factor() + "'", null));
        }
        long deadline = timer.deadlineIn(settings.pushTimeout());
        return preauth(request, choice.get(), deadline).thenCompose(decision -> {
            if (decision instanceof PreauthDecision.Done d) {
                return done(d.outcome());
            }
            PreauthDecision.Proceed proceed = (PreauthDecision.Proceed) decision;
            // The Verified Push code may come with any answer; the login page is told each code once.
            AtomicReference<String> lastCode = new AtomicReference<>();
            reportCode(request, proceed.statusMessage(), lastCode);
            return choice.get().factor() == Factor.SMS ? sms(request, proceed, deadline)
                    : outOfBand(request, choice.get().factor(), proceed, deadline, lastCode);
        });
    }

    private CompletableFuture<VerificationOutcome> passcode(VerificationRequest request, String digits) {
        // The API type guarantees digits; check again, since nothing else may reach Duo.
        if (!isDigits(digits)) {
            return done(VerificationOutcome.rejected(Reason.INVALID_PASSCODE, "a passcode has only digits; not sent to Duo"));
        }
        DuoParams params = withUser(request).add("factor", "passcode").add("passcode", digits).build();
        return transport.call(DuoRequest.post("/auth/v2/auth", params), settings.requestTimeout(), settings.retryBudget())
                .thenApply(reply -> finalAnswer(reply, Factor.PASSCODE, digits));
    }

    private CompletableFuture<PreauthDecision> preauth(VerificationRequest request, KeywordChoice choice, long deadline) {
        DuoParams.Builder params = withUser(request);
        if (settings.verifiedPush() && choice.factor() == Factor.PUSH) {
            params.add("client_supports_verified_push", "1");
        }
        return transport.call(DuoRequest.post("/auth/v2/preauth", params.build()), settings.requestTimeout(), settings.retryBudget(),
                untilDeadline(deadline))
                .thenApply(reply -> reply instanceof DuoReply.Ok ok
                        ? PreauthAnswers.decide(ok.response(), choice)
                        : new PreauthDecision.Done(notOk(reply, null)));
    }

    private CompletableFuture<VerificationOutcome> sms(VerificationRequest request, PreauthDecision.Proceed proceed, long deadline) {
        DuoParams params = withUser(request).add("factor", "sms").add("device", proceed.device()).build();
        return transport.call(DuoRequest.post("/auth/v2/auth", params), settings.requestTimeout(), settings.retryBudget(),
                untilDeadline(deadline))
                .thenApply(reply -> finalAnswer(reply, Factor.SMS, null));
    }

    private CompletableFuture<VerificationOutcome> outOfBand(VerificationRequest request, Factor factor, PreauthDecision.Proceed proceed,
            long deadline, AtomicReference<String> lastCode) {
        DuoParams.Builder params = withUser(request).add("factor", factor.duoName()).add("device", proceed.device()).add("async", "1");
        if (factor == Factor.PUSH) {
            settings.pushType().ifPresent(type -> params.add("type", type));
            settings.pushInfo().ifPresent(info -> params.add("pushinfo", info));
            proceed.txid().ifPresent(txid -> params.add("txid", txid));
        }
        long started = timer.now();
        return transport.call(DuoRequest.post("/auth/v2/auth", params.build()), settings.requestTimeout(), settings.retryBudget(),
                untilDeadline(deadline))
                .thenCompose(reply -> {
                    if (!(reply instanceof DuoReply.Ok ok)) {
                        return done(notOk(reply, null));
                    }
                    String txid = ok.response().isObject() ? AuthAnswers.textOf(ok.response(), "txid") : "";
                    if (!TXID.matcher(txid).matches()) {
                        return done(VerificationOutcome.error("Duo's answer to an async " + factor.duoName() + " has no usable txid", null));
                    }
                    String message = Texts.clean(AuthAnswers.textOf(ok.response(), "status_msg"));
                    progress(request, new VerificationProgress.ChallengeSent(factor.duoName(), message.isEmpty()
                            ? (factor == Factor.PUSH ? "Pushed a login request to your device" : "Calling your phone") : message));
                    reportCode(request, message, lastCode);
                    return poll(request, factor, txid, started, deadline, lastCode);
                });
    }

    /**
     * How long a call of a push, phone or sms flow may wait for a free connection: until the
     * flow's deadline, since under a burst the wait is ours, not Duo's, and the user is waiting for
     * the push anyway (never less than the request timeout, so a quick flow is not starved).
     */
    private Duration untilDeadline(long deadline) {
        Duration left = timer.left(deadline);
        return left.compareTo(settings.requestTimeout()) > 0 ? left : settings.requestTimeout();
    }

    private CompletableFuture<VerificationOutcome> poll(VerificationRequest request, Factor factor, String txid, long started, long deadline,
            AtomicReference<String> lastCode) {
        // Read before sending: the pause below counts from here, so a test that advances its
        // ticker once it has seen this request arrive has always covered the pause.
        long sent = timer.now();
        Duration left = Duration.ofNanos(deadline - sent);
        if (left.isNegative() || left.isZero()) {
            return done(timedOut(factor));
        }
        DuoParams params = DuoParams.builder().add("txid", txid).build();
        return transport.call(DuoRequest.get("/auth/v2/auth_status", params), left, left).thenCompose(reply -> {
            // The exchange's limit was the time left to the deadline, and the timer is never early:
            // a timed-out poll is the push timing out, not Duo failing.
            if (reply instanceof DuoReply.Unusable u && u.timedOut() && timer.left(deadline).compareTo(Duration.ZERO) <= 0) {
                return done(timedOut(factor));
            }
            if (!(reply instanceof DuoReply.Ok ok)) {
                return done(notOk(reply, null));
            }
            AuthDecision decision = AuthAnswers.decide(ok.response(), factor, true, null);
            if (decision instanceof AuthDecision.Final f) {
                return done(f.outcome());
            }
            AuthDecision.Waiting waiting = (AuthDecision.Waiting) decision;
            reportCode(request, waiting.statusMessage(), lastCode);
            progress(request, new VerificationProgress.Waiting(since(started), waiting.statusMessage().isEmpty()
                    ? "waiting (" + Texts.clean(waiting.status()) + ")" : waiting.statusMessage()));
            return timer.at(sent + tuning.minPollInterval().toNanos())
                    .thenCompose(x -> poll(request, factor, txid, started, deadline, lastCode));
        });
    }

    private CompletableFuture<VerificationOutcome> ping() {
        CompletableFuture<DuoReply> ping = transport.call(new DuoRequest("GET", "/auth/v2/ping", DuoParams.NONE, false, true),
                settings.requestTimeout(), settings.retryBudget());
        return ping.thenCompose(reply -> {
            if (!(reply instanceof DuoReply.Ok ok)) {
                return done(notOk(reply, null));
            }
            String skew = "";
            if (ok.response().path("time").canConvertToLong()) {
                long offset = ok.response().path("time").longValue() - tuning.clock().instant().getEpochSecond();
                skew = "; Duo's clock is " + offset + " s from this host's" + (Math.abs(offset) > Failures.SKEW_WORTH_MENTIONING.toSeconds()
                        ? " (clock skew: check NTP)" : "");
            }
            String pingNote = skew;
            return transport.call(DuoRequest.get("/auth/v2/check", DuoParams.NONE), settings.requestTimeout(), settings.retryBudget())
                    .thenApply(check -> check instanceof DuoReply.Ok
                            ? VerificationOutcome.approved("Duo " + settings.host() + " is reachable and accepts this integration's keys"
                                    + pingNote)
                            : withNote(notOk(check, null), pingNote));
        });
    }

    // ---- helpers ---------------------------------------------------------------------------

    private VerificationOutcome finalAnswer(DuoReply reply, Factor factor, String secret) {
        if (reply instanceof DuoReply.Ok ok) {
            AuthDecision decision = AuthAnswers.decide(ok.response(), factor, false, secret);
            return ((AuthDecision.Final) decision).outcome();
        }
        return notOk(reply, secret);
    }

    private VerificationOutcome notOk(DuoReply reply, String secret) {
        if (reply instanceof DuoReply.Fail fail) {
            return Failures.outcome(fail, tuning.clock(), settings.name(), secret);
        }
        if (reply instanceof DuoReply.Unusable unusable) {
            return Failures.outcome(unusable, secret);
        }
        return VerificationOutcome.error("unexpected reply", null);
    }

    // The ping's clock offset explains many a refused signature.
    private static VerificationOutcome withNote(VerificationOutcome outcome, String note) {
        if (note.isEmpty() || !(outcome instanceof VerificationOutcome.NoVerdict u)) {
            return outcome;
        }
        return new VerificationOutcome.NoVerdict(u.reason(), u.message() + note, u.cause());
    }

    private VerificationOutcome timedOut(Factor factor) {
        return VerificationOutcome.rejected(Reason.TIMED_OUT, "no answer to the " + factor.duoName() + " within PushTimeout "
                + OptionValues.format(settings.pushTimeout()));
    }

    private DuoParams.Builder withUser(VerificationRequest request) {
        DuoParams.Builder params = DuoParams.builder().add(settings.userParameter(), request.providerUserId());
        // Duo takes ipaddr as a dotted quad only.
        request.context().clientIp().filter(ip -> IPV4.matcher(ip).matches()).ifPresent(ip -> params.add("ipaddr", ip));
        return params;
    }

    private void reportCode(VerificationRequest request, String statusMessage, AtomicReference<String> lastCode) {
        if (!settings.verifiedPush()) {
            return;
        }
        Matcher m = VERIFICATION_CODE.matcher(statusMessage);
        if (m.find() && !m.group(1).equals(lastCode.get())) {
            lastCode.set(m.group(1));
            progress(request, new VerificationProgress.VerificationCode(m.group(1)));
        }
    }

    private static void progress(VerificationRequest request, VerificationProgress progress) {
        ProgressListener listener = request.context().progressListener();
        try {
            listener.onProgress(progress);
        } catch (RuntimeException e) {
            LOG.warn("a progress listener threw {}; ignored", e.getClass().getName());
        }
    }

    /**
     * Runs a flow, counted as in flight, with any failure (a bug) turned into a provider error:
     * the future never completes exceptionally.
     */
    private CompletableFuture<VerificationOutcome> guarded(Supplier<CompletableFuture<VerificationOutcome>> flow, String what) {
        inFlight.incrementAndGet();
        if (closed) {
            finished();
            // Closed is no outage: mfa-core never calls a verifier it closed, so this is a bug, and fails closed.
            return done(VerificationOutcome.error("this revision of MFA configuration '" + settings.name() + "' was closed", null));
        }
        CompletableFuture<VerificationOutcome> result;
        try {
            // On the caller's thread up to HttpClient.sendAsync: building and signing the first
            // request takes microseconds and no I/O, and sendAsync itself starts the exchange (DNS,
            // connect, TLS) on our executor. A hop to the executor here cost a task hand-off per
            // verification and gained nothing.
            result = flow.get();
            if (result == null) {
                result = CompletableFuture.failedFuture(new IllegalStateException("a flow returned no future"));
            }
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.handle((outcome, failure) -> {
            finished();
            if (failure == null && outcome != null) {
                return outcome;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            LOG.warn("the duo {} for configuration '{}' failed with {}", what, settings.name(),
                    cause == null ? "no outcome" : cause.getClass().getName());
            return VerificationOutcome.error("the duo " + what + " failed: "
                    + (cause == null ? "no outcome" : cause.getClass().getSimpleName()), cause);
        });
    }

    private void finished() {
        inFlight.decrementAndGet();
        releaseIfIdle();
    }

    private void releaseIfIdle() {
        if (closed && inFlight.get() == 0 && released.compareAndSet(false, true)) {
            signer.destroy();
            if (ownedExecutor != null) {
                ownedExecutor.shutdown();
            }
        }
    }

    private static void log(VerificationRequest request, VerificationOutcome outcome) {
        if (outcome instanceof VerificationOutcome.NoVerdict) {
            LOG.warn("Duo verification {} ({}): {} - {}", request.context().requestId(), request.credential().factor(), outcome.reason(),
                    outcome.message());
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("Duo verification {} ({}): {} - {}", request.context().requestId(), request.credential().factor(), outcome.reason(),
                    outcome.message());
        }
    }

    // Loops, not String.matches or a stream: these run on every verification.
    private static boolean isDigits(String s) {
        if (s.isEmpty() || s.length() > 32) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private Duration since(long started) {
        return Duration.ofNanos(timer.now() - started);
    }

    private static CompletableFuture<VerificationOutcome> done(VerificationOutcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }
}
