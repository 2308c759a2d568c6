package dev.mfa4j.api.spi;

import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.MfaConfiguration;
import java.util.List;
import java.util.Set;

/**
 * A kind of MFA provider, such as Duo: found with {@link java.util.ServiceLoader} or registered
 * with the service builder, then asked to open a {@link MfaVerifier} per configuration.
 *
 * <p>To write one: implement this interface with a public no-argument constructor, list the class
 * in {@code META-INF/services/dev.mfa4j.api.spi.MfaProvider}, and, for the module path, add
 * {@code provides dev.mfa4j.api.spi.MfaProvider with ...} to your {@code module-info.java}. The
 * testkit's {@code MfaProviderContract} checks the rules below.
 *
 * <p>Lifecycle: mfa-core creates one instance when the service is built and calls its methods
 * from any thread; an implementation holds no per-configuration state (that belongs in the
 * verifier) and is therefore thread safe.
 *
 * @since 0.1.0
 */
public interface MfaProvider {

    /** The SPI version this mfa-api defines. */
    int SPI_VERSION = 1;

    /**
     * The SPI version the provider was written against. Return a literal ({@code return 1;}), not
     * {@link #SPI_VERSION}: the compiler would copy the constant of whatever mfa-api the provider
     * is compiled with, hiding a mismatch. mfa-core skips, with a warning, a provider whose
     * version differs from its own.
     *
     * @return the SPI version, 1 for this release
     */
    int spiVersion();

    /**
     * @return the type configurations use to select this provider, such as {@code duo}: a
     *     lower-case letter, then up to 31 lower-case letters, digits, {@code -} or {@code _};
     *     unique among installed providers
     */
    String type();

    /** @return the provider's version, for diagnostics; the default reads the jar manifest */
    default String version() {
        String version = getClass().getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    /**
     * @return every option a configuration of this type may set, in the order to show them;
     *     options not listed are refused
     */
    List<OptionSpec> options();

    /**
     * @return the lower-case keywords users may type instead of a passcode, such as {@code push};
     *     empty if the provider takes passcodes only
     */
    default Set<String> keywords() {
        return Set.of();
    }

    /**
     * How this provider enrolls a principal itself, if it does (TOTP makes each principal a
     * secret). Empty by default: the principal is enrolled at the provider (Duo) or needs nothing.
     * When present, mfa-core keeps each principal's enrollment in the host's
     * {@link EnrollmentStore} and hands it to the verifier in {@link VerificationRequest#enrollment()};
     * a principal not yet enrolled gets no verifier call but {@link dev.mfa4j.api.Reason#ENROLLMENT_REQUIRED}.
     *
     * @return the enrollment flow, or empty
     */
    default java.util.Optional<EnrollmentFlow> enrollment() {
        return java.util.Optional.empty();
    }

    /**
     * Checks rules that involve several options, after each option passed its own
     * {@link OptionSpec#check()}. The default finds nothing wrong.
     *
     * @param configuration the configuration, with option keys in the specs' spelling
     * @return every problem found; empty if none
     */
    default List<InvalidConfigurationException.Violation> validate(MfaConfiguration configuration) {
        return List.of();
    }

    /**
     * Makes a verifier for one configuration revision. Called once per revision, lazily, on the
     * thread of the first verification that needs it; must be quick (no network calls).
     *
     * @param configuration a configuration of this type that passed validation
     * @return a verifier bound to it
     * @throws InvalidConfigurationException if the configuration cannot be used after all; the
     *     verification then answers {@link dev.mfa4j.api.Reason#CONFIGURATION_ERROR}
     */
    MfaVerifier open(MfaConfiguration configuration);
}
