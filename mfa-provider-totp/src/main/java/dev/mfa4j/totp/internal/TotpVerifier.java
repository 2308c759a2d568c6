package dev.mfa4j.totp.internal;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.EnrollmentData;
import dev.mfa4j.api.spi.HealthStatus;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import dev.mfa4j.totp.TotpOptions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import javax.crypto.Mac;

/**
 * Verifies TOTP codes for one {@code totp} configuration revision, against each principal's own
 * secret, which mfa-core hands over in {@link VerificationRequest#enrollment()}.
 *
 * <p>A code is accepted if it is the code of a time step within {@code Window} steps of now,
 * computed with the algorithm, digits and period the principal's app was given at enrollment, and
 * that step is later than the one whose code confirmed the enrollment. Each comparison takes the
 * same time however much of the code was right ({@link CodeWindow}).
 *
 * <p>It keeps no record of accepted codes: a node's memory does not protect a cluster. mfa-core
 * claims every accepted passcode in the host's shared {@code AttemptStore} for its reuse window
 * (10 minutes by default), and refuses it again, on any node; {@link #passcodeLifetime()} makes
 * that claim last as long as a code can be accepted, whatever the host's window.
 *
 * <p>Answers, computed on the calling thread and returned as a completed future; {@link #verify}
 * never throws:
 * <ul>
 *   <li>the right code: {@link Reason#APPROVED};</li>
 *   <li>a wrong code, a code of the wrong length, the confirming code or an older one, a recovery
 *       code that reached the provider: {@link Reason#INVALID_PASSCODE} (counted toward the lockout);</li>
 *   <li>no enrollment: {@link Reason#ENROLLMENT_REQUIRED};</li>
 *   <li>a keyword (none is declared, so mfa-core never sends one), unreadable enrollment data, a
 *       runtime without the HMAC, a closed verifier, a bug: {@link Reason#PROVIDER_ERROR}. Never
 *       {@link Reason#PROVIDER_UNAVAILABLE}: nothing here can be unreachable, and that reason is
 *       the one a fail-open configuration lets through.</li>
 * </ul>
 *
 * <p>Thread safe. It holds no secret: each verification decodes the principal's secret and
 * overwrites the bytes when done.
 */
public final class TotpVerifier implements MfaVerifier {

    /** The approval messages by step offset, -MAX_WINDOW to MAX_WINDOW: made once, not per approval. */
    private static final String[] APPROVED = IntStream.rangeClosed(-TotpOptions.MAX_WINDOW, TotpOptions.MAX_WINDOW)
            .mapToObj(offset -> "passcode accepted (time step offset " + offset + ")").toArray(String[]::new);

    private final String configurationName;
    private final TotpSettings settings;
    private final Clock clock;
    private volatile boolean closed;

    private TotpVerifier(String configurationName, TotpSettings settings, Clock clock) {
        this.configurationName = configurationName;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param configuration a {@code totp} configuration
     * @param clock the time source
     * @return its verifier
     * @throws dev.mfa4j.api.InvalidConfigurationException naming each option refused
     */
    public static TotpVerifier open(dev.mfa4j.api.MfaConfiguration configuration, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return new TotpVerifier(configuration.name(), TotpSettings.from(configuration), clock);
    }

    @Override
    public CompletableFuture<VerificationOutcome> verify(VerificationRequest request) {
        VerificationOutcome outcome;
        try {
            outcome = outcomeOf(request);
        } catch (RuntimeException e) {
            // The class only: a JCE message might describe the key.
            outcome = VerificationOutcome.error("the TOTP check failed with " + e.getClass().getSimpleName(), null);
        }
        return CompletableFuture.completedFuture(outcome);
    }

    private VerificationOutcome outcomeOf(VerificationRequest request) {
        if (closed) {
            return VerificationOutcome.error("this TOTP verifier is closed (its configuration changed); try again", null);
        }
        Credential credential = request.credential();
        if (credential instanceof Credential.Keyword) {
            return VerificationOutcome.error("the totp provider understands no keyword, only the code the app shows", null);
        }
        if (!(credential instanceof Credential.Passcode passcode)) {
            return VerificationOutcome.rejected(Reason.INVALID_PASSCODE, "incorrect passcode: not a TOTP code");
        }
        Optional<EnrollmentData> data = request.enrollment();
        if (data.isEmpty()) {
            return VerificationOutcome.rejected(Reason.ENROLLMENT_REQUIRED,
                    "this principal has not enrolled an authenticator app for configuration " + configurationName);
        }
        TotpParameters parameters;
        OptionalLong confirmedStep;
        byte[] key;
        try {
            parameters = TotpEnrollment.parametersOf(data.get());
            confirmedStep = TotpEnrollment.confirmedStepOf(data.get());
            key = TotpEnrollment.keyOf(data.get());
        } catch (IllegalArgumentException e) {
            return VerificationOutcome.error("this principal's TOTP enrollment cannot be read (" + e.getMessage()
                    + "); enroll again", null);
        }
        try {
            return check(key, parameters, confirmedStep, passcode);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private VerificationOutcome check(byte[] key, TotpParameters parameters, OptionalLong confirmedStep, Credential.Passcode passcode) {
        if (passcode.digits().length() != parameters.digits()) {
            return VerificationOutcome.rejected(Reason.INVALID_PASSCODE, "incorrect passcode: the codes of this enrollment have "
                    + parameters.digits() + " digits");
        }
        long now = parameters.stepAt(clock.instant());
        OptionalLong matched;
        try {
            matched = CodeWindow.match(key, parameters, passcode.digits().getBytes(StandardCharsets.US_ASCII), now, settings.window());
        } catch (GeneralSecurityException e) {
            return VerificationOutcome.error("this Java runtime cannot compute " + parameters.algorithm().macName() + " ("
                    + e.getClass().getSimpleName() + ")", null);
        }
        if (matched.isEmpty()) {
            return VerificationOutcome.rejected(Reason.INVALID_PASSCODE, "incorrect passcode");
        }
        long step = matched.getAsLong();
        if (confirmedStep.isPresent() && step <= confirmedStep.getAsLong()) {
            return VerificationOutcome.rejected(Reason.INVALID_PASSCODE,
                    "passcode refused: it is the code that confirmed the enrollment, or an older one");
        }
        return VerificationOutcome.approved(APPROVED[(int) (step - now) + TotpOptions.MAX_WINDOW]);
    }

    /**
     * @return {@link HealthStatus.State#HEALTHY} if this runtime computes the configured HMAC
     *     (there is nothing remote to reach), unhealthy if it cannot, unknown once closed
     */
    @Override
    public CompletableFuture<HealthStatus> health() {
        if (closed) {
            return CompletableFuture.completedFuture(new HealthStatus(HealthStatus.State.UNKNOWN, "this TOTP verifier is closed",
                    Duration.ZERO));
        }
        Instant started = clock.instant();   // the latency is read on the verifier's clock, as its codes are
        String mac = settings.parameters().algorithm().macName();
        HealthStatus.State state;
        String message;
        try {
            Mac.getInstance(mac);
            state = HealthStatus.State.HEALTHY;
            message = "TOTP codes are computed here with " + mac + "; nothing to reach";
        } catch (GeneralSecurityException e) {
            state = HealthStatus.State.UNHEALTHY;
            message = "this Java runtime cannot compute " + mac;
        }
        return CompletableFuture.completedFuture(new HealthStatus(state, message, Duration.between(started, clock.instant())));
    }

    /**
     * @return the longest a code can be accepted: the steps of the window, each as long as the
     *     longest period a principal may have been enrolled with ({@code (2 * Window + 1) * }
     *     {@value TotpOptions#MAX_PERIOD} seconds), since each principal keeps the period it enrolled with
     */
    @Override
    public Optional<Duration> passcodeLifetime() {
        return Optional.of(Duration.ofSeconds((2L * settings.window() + 1) * TotpOptions.MAX_PERIOD));
    }

    /** Marks the verifier closed; it holds no secret to overwrite. */
    @Override
    public void close() {
        closed = true;
    }

    /** @return the configuration name and settings; never a secret or a user */
    @Override
    public String toString() {
        return "TotpVerifier[configuration=" + configurationName + ", window=" + settings.window() + ", new enrollments="
                + settings.parameters() + "]";
    }
}
