package dev.mfa4j.totp;

import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.spi.EnrollmentFlow;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.OptionSpec;
import dev.mfa4j.totp.internal.TotpEnrollmentFlow;
import dev.mfa4j.totp.internal.TotpOptionSpecs;
import dev.mfa4j.totp.internal.TotpVerifier;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code totp} provider: time-based one-time passwords as RFC 6238 defines them, the codes
 * authenticator apps show (Google Authenticator, Microsoft Authenticator, FreeOTP, Aegis, 1Password
 * and others).
 *
 * <p>Hosts do not call this class: mfa-core finds it with {@link java.util.ServiceLoader}. A
 * configuration says what apps show ({@code Issuer}) and how codes are made ({@code Algorithm},
 * {@code Digits}, {@code Period}, {@code Window}; see {@link TotpOptions} and
 * {@code docs/providers/totp.md}); it holds no user's secret. Each principal gets its own secret
 * through {@link #enrollment()}: mfa-core keeps it in the host's enrollment store, sealed when the
 * host seals secrets, and hands it to the verifier at each login.
 *
 * <p>Replay: the provider keeps no record of used codes. mfa-core claims each accepted passcode in
 * the host's shared {@code AttemptStore} for its reuse window, so a code works once across all
 * nodes; and a login with the code that confirmed the enrollment, or an older one, is refused.
 *
 * <p>Thread safe and stateless apart from its clock and random source; each configuration
 * revision gets its own verifier.
 *
 * @since 0.1.0
 */
public final class TotpProvider implements MfaProvider {

    /** The provider type configurations name: {@code totp}. */
    public static final String TYPE = "totp";

    private final Clock clock;
    private final TotpEnrollmentFlow enrollment;

    /** For {@link java.util.ServiceLoader}: the system clock in UTC; secrets come from a {@link SecureRandom}. */
    public TotpProvider() {
        this(Clock.systemUTC());
    }

    /**
     * A provider that reads the time from {@code clock}: for tests, or a host whose time comes from
     * elsewhere. Register it with the service builder ({@code MfaService.builder(..).provider(..)}),
     * where it replaces the one found with {@code ServiceLoader}.
     *
     * @param clock the time source; codes depend on it to the second
     * @throws NullPointerException if {@code clock} is null
     */
    public TotpProvider(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.enrollment = new TotpEnrollmentFlow(clock);
    }

    @Override
    public int spiVersion() {
        return 1;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String version() {
        String version = TotpProvider.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public List<OptionSpec> options() {
        return TotpOptionSpecs.ALL;
    }

    /**
     * @return the enrollment flow: begin makes a secret and its QR code, confirm checks the first code
     */
    @Override
    public Optional<EnrollmentFlow> enrollment() {
        return Optional.of(enrollment);
    }

    /**
     * @throws InvalidConfigurationException naming each option refused, if the configuration did
     *     not come through mfa-core's validation
     */
    @Override
    public MfaVerifier open(MfaConfiguration configuration) {
        return TotpVerifier.open(configuration, clock);
    }

    @Override
    public String toString() {
        return "TotpProvider[" + clock + "]";
    }
}
