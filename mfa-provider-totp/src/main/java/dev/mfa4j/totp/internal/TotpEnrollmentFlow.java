package dev.mfa4j.totp.internal;

import dev.mfa4j.api.EnrollmentPrompt;
import dev.mfa4j.api.InvalidInputException;
import dev.mfa4j.api.Secret;
import dev.mfa4j.api.spi.EnrollmentData;
import dev.mfa4j.api.spi.EnrollmentFlow;
import dev.mfa4j.api.spi.EnrollmentOutcome;
import dev.mfa4j.api.spi.EnrollmentRequest;
import dev.mfa4j.api.spi.EnrollmentStart;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Enrolls a principal's authenticator app.
 *
 * <p>{@link #begin}: a new secret from {@link SecureRandom} (160 bits for SHA1, the hash's length
 * for SHA256 and SHA512; see {@link HmacAlgorithm}), kept as pending data with the algorithm, digits
 * and period of the configuration at that moment, and shown as a QR code of its
 * {@code otpauth://} URI ({@link KeyUri}): PNG, terminal text, and the secret in groups for typing.
 *
 * <p>{@link #confirm}: the code the app shows must match one within the configuration's window
 * around now; the active data is then the pending data plus the matching time step, below which
 * no code is accepted at login.
 *
 * <p>Thread safe and stateless apart from the clock and the random source.
 */
public final class TotpEnrollmentFlow implements EnrollmentFlow {

    private final Clock clock;
    private final Supplier<SecureRandom> random;

    /** Made on first use: creating it loads the JDK's security providers, a cost for a short command that enrolls nobody. */
    private static final class SharedRandom {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    /**
     * A flow whose secrets come from one {@link SecureRandom} shared by every such flow, made when
     * the first secret is.
     *
     * @param clock the time source
     */
    public TotpEnrollmentFlow(Clock clock) {
        this(clock, () -> SharedRandom.INSTANCE);
    }

    /**
     * @param clock the time source
     * @param random where secrets come from
     */
    public TotpEnrollmentFlow(Clock clock, SecureRandom random) {
        this(clock, given(random));
    }

    private TotpEnrollmentFlow(Clock clock, Supplier<SecureRandom> random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = random;
    }

    private static Supplier<SecureRandom> given(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return () -> random;
    }

    /**
     * @throws dev.mfa4j.api.InvalidConfigurationException naming each option refused, if the
     *     configuration did not pass mfa-core's validation
     * @throws InvalidInputException if the issuer and the account name (the provider user id)
     *     make a URI too long for a QR code: only with hundreds of non-ASCII characters
     */
    @Override
    public EnrollmentStart begin(EnrollmentRequest request) {
        TotpSettings settings = TotpSettings.from(request.configuration());
        TotpParameters parameters = settings.parameters();
        byte[] key = new byte[parameters.algorithm().secretBytes()];
        char[] secret = null;
        try {
            random.get().nextBytes(key);
            secret = Base32.encode(key);
            URI uri = KeyUri.of(settings.issuer(), request.providerUserId(), secret, parameters);
            QrCode code = qrCodeOf(uri);
            EnrollmentPrompt.QrCode prompt = new EnrollmentPrompt.QrCode(uri, KeyUri.manualEntry(secret), PngImage.of(code),
                    TerminalQr.of(code));
            Secret kept = Secret.of(new String(secret));
            try {
                return new EnrollmentStart(new TotpEnrollment(kept, parameters, OptionalLong.empty()).toData(), prompt);
            } finally {
                kept.destroy();
            }
        } finally {
            Arrays.fill(key, (byte) 0);
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
    }

    /** An issuer and an account of hundreds of non-ASCII characters, percent-encoded, can outgrow a QR code. */
    private static QrCode qrCodeOf(URI uri) {
        try {
            return QrCode.of(uri.toASCIIString());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("providerUserId", "with this configuration's issuer, the account name makes an "
                    + "otpauth:// URI too long for a QR code (" + e.getMessage() + "); use a shorter provider user id");
        }
    }

    /**
     * @throws dev.mfa4j.api.InvalidConfigurationException naming each option refused, if the
     *     configuration did not pass mfa-core's validation
     */
    @Override
    public EnrollmentOutcome confirm(EnrollmentRequest request, EnrollmentData pending, String proof) {
        Objects.requireNonNull(proof, "proof");
        int window = TotpSettings.from(request.configuration()).window();
        TotpEnrollment enrollment;
        try {
            enrollment = TotpEnrollment.from(pending);
        } catch (IllegalArgumentException e) {
            return EnrollmentOutcome.refused("this enrollment cannot be confirmed (" + e.getMessage() + "); begin it again");
        }
        try {
            return confirm(enrollment, proof, window);
        } finally {
            enrollment.secret().destroy();
        }
    }

    private EnrollmentOutcome confirm(TotpEnrollment enrollment, String proof, int window) {
        int digits = enrollment.parameters().digits();
        Optional<byte[]> typed = TypedCode.digits(proof, digits);
        if (typed.isEmpty()) {
            return EnrollmentOutcome.refused("expected the " + digits + "-digit code the authenticator app shows");
        }
        byte[] key = null;
        OptionalLong matched;
        try {
            key = enrollment.key();
            matched = CodeWindow.match(key, enrollment.parameters(), typed.get(), enrollment.parameters().stepAt(clock.instant()),
                    window);
        } catch (IllegalArgumentException e) {
            return EnrollmentOutcome.refused("this enrollment cannot be confirmed (" + e.getMessage() + "); begin it again");
        } catch (GeneralSecurityException e) {
            return EnrollmentOutcome.refused("this server cannot compute " + enrollment.parameters().algorithm().macName()
                    + " codes; ask its administrator");
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
        if (matched.isEmpty()) {
            return EnrollmentOutcome.refused("that is not the code the app shows now: check that the app has just added this "
                    + "account and that the phone's clock is right, then type the current code");
        }
        return EnrollmentOutcome.confirmed(enrollment.confirmedAt(matched.getAsLong()).toData());
    }

    @Override
    public String toString() {
        return "TotpEnrollmentFlow[" + clock + "]";
    }
}
