package dev.mfa4j.duo.internal;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.HealthStatus;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verifier of one {@code duo} configuration revision: it routes each verification to its
 * flow and wires the parts together. Thread safe; every method returns at once with a future that
 * is completed from HTTP callbacks, so no thread waits on Duo or on the user.
 *
 * <ul>
 *   <li>a passcode goes to {@link PasscodeFlow};</li>
 *   <li>{@code push}, {@code phone} and {@code sms} go to {@link OutOfBandFlow}, which hands a
 *       push or call to {@link AuthStatusPoller} and reports Verified Push codes through
 *       {@link VerifiedPushCodes};</li>
 *   <li>{@link #health()} is {@link HealthCheck};</li>
 *   <li>{@link InFlightCalls} counts every call, and releases the key and the pool after close.</li>
 * </ul>
 */
final class DuoVerifier implements MfaVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(DuoVerifier.class);

    private final DuoSettings settings;
    private final TickerTimer timer;
    private final InFlightCalls inFlight;
    private final PasscodeFlow passcodes;
    private final OutOfBandFlow keywords;
    private final HealthCheck healthCheck;

    /**
     * @param settings the configuration
     * @param tuning clock, ticker and pacing
     * @param ownedExecutor the executor to shut down on close, or null if the caller owns it
     * @param timer every wait, on the tuning's ticker and the executor for HTTP callbacks
     * @param client the shared client of this revision
     */
    DuoVerifier(DuoSettings settings, Tuning tuning, ExecutorService ownedExecutor, TickerTimer timer, HttpClient client) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.timer = Objects.requireNonNull(timer, "timer");
        DuoSigner signer = new DuoSigner(settings.integrationKey(), settings.secretKey(), settings.hmac());
        RequestEncoder encoder = new RequestEncoder(settings.host(), signer, settings.signatureVersion(), tuning.clock(),
                tuning.userAgent());
        RetryPolicy retries = new RetryPolicy(tuning.retryInitial(), settings.retryBudget(), tuning.jitter());
        DuoTransport transport = new DuoTransport(client, encoder, new ReplyParser(tuning.clock()), retries, timer, settings.host(),
                tuning.maxExchanges());
        DuoCalls calls = new DuoCalls(settings, transport, tuning.clock());
        this.passcodes = new PasscodeFlow(calls);
        this.keywords = new OutOfBandFlow(calls, timer, new AuthStatusPoller(calls, timer, tuning.minPollInterval()));
        this.healthCheck = new HealthCheck(calls, timer, tuning.clock());
        this.inFlight = new InFlightCalls(settings.name(), () -> {
            signer.destroy();
            if (ownedExecutor != null) {
                ownedExecutor.shutdown();
            }
        });
    }

    @Override
    public CompletableFuture<VerificationOutcome> verify(VerificationRequest request) {
        try {
            return inFlight.run(() -> route(request), "verification").thenApply(outcome -> {
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
        return healthCheck.run(inFlight);
    }

    /** Stops new work; calls in flight finish, then the key and the owned pool are released. Never throws. */
    @Override
    public void close() {
        inFlight.close();
    }

    @Override
    public String toString() {
        return "DuoVerifier[" + settings + "]";
    }

    /** @return the timer of every wait, for tests that must know what the verifier waits for */
    TickerTimer timer() {
        return timer;
    }

    private CompletableFuture<VerificationOutcome> route(VerificationRequest request) {
        String user = request.providerUserId();
        if (user.isBlank() || user.length() > 256 || hasControlCharacter(user)) {
            return CompletableFuture.completedFuture(new VerificationOutcome.NoVerdict(Reason.CONFIGURATION_ERROR,
                    "the assignment's provider user id is not usable as a Duo " + settings.userParameter(), Optional.empty()));
        }
        Credential credential = request.credential();
        if (credential instanceof Credential.Passcode passcode) {
            return passcodes.verify(request, passcode.digits());
        }
        Optional<KeywordChoice> choice = KeywordChoice.parse(((Credential.Keyword) credential).name());
        if (choice.isEmpty()) {
            return CompletableFuture.completedFuture(
                    VerificationOutcome.error("the duo provider does not know the keyword '" + credential.factor() + "'", null));
        }
        return keywords.verify(request, choice.get());
    }

    private static void log(VerificationRequest request, VerificationOutcome outcome) {
        if (outcome instanceof VerificationOutcome.NoVerdict) {
            LOG.warn("MFA-DUO-020 Duo verification {} ({}) had no verdict: {} - {}", request.context().requestId(), request.credential().factor(), outcome.reason(),
                    outcome.message());
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("Duo verification {} ({}): {} - {}", request.context().requestId(), request.credential().factor(), outcome.reason(),
                    outcome.message());
        }
    }

    private static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
