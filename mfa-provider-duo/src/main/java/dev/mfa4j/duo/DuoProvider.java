package dev.mfa4j.duo;

import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.OptionSpec;
import dev.mfa4j.duo.internal.DuoOptionSpecs;
import dev.mfa4j.duo.internal.DuoVerifiers;
import java.util.List;
import java.util.Set;

/**
 * The {@code duo} provider: verifies passcodes, pushes, phone calls and SMS passcodes with Duo's
 * Auth API v2, over HTTPS to the configured API host only, trusting only Duo's public root CAs
 * (or the configured ones).
 *
 * <p>Hosts do not call this class: mfa-core finds it with {@link java.util.ServiceLoader}. The
 * options are listed by {@link #options()} and in {@code docs/providers/duo.md}; the keywords a
 * user may type instead of a passcode are {@code push}, {@code phone} and {@code sms}, each
 * optionally followed by 1 to 9 to pick the nth capable device.
 *
 * <p>Thread safe and stateless; each configuration revision gets its own verifier with its own
 * HTTP client.
 *
 * @since 0.1.0
 */
public final class DuoProvider implements MfaProvider {

    /** The provider type configurations name: {@code duo}. */
    public static final String TYPE = "duo";

    /** For {@link java.util.ServiceLoader}. */
    public DuoProvider() {
        // Nothing to set up: all state lives in verifiers.
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
        String version = DuoProvider.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public List<OptionSpec> options() {
        return DuoOptionSpecs.ALL;
    }

    @Override
    public Set<String> keywords() {
        return DuoVerifiers.KEYWORDS;
    }

    @Override
    public List<InvalidConfigurationException.Violation> validate(MfaConfiguration configuration) {
        return DuoOptionSpecs.crossCheck(configuration);
    }

    /**
     * @throws InvalidConfigurationException if an option is invalid, naming it
     */
    @Override
    public MfaVerifier open(MfaConfiguration configuration) {
        return DuoVerifiers.open(configuration, version());
    }
}
