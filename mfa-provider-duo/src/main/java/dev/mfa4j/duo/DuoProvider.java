package dev.mfa4j.duo;

import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.OptionSpec;
import dev.mfa4j.api.spi.Ticker;
import dev.mfa4j.duo.internal.DuoOptionSpecs;
import dev.mfa4j.duo.internal.DuoVerifiers;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code duo} provider: verifies passcodes, pushes, phone calls and SMS passcodes with Duo's
 * Auth API v2, over HTTPS to the configured API host only, trusting only Duo's public root CAs
 * (or the configured ones).
 *
 * <p>Hosts need not call this class: mfa-core finds it with {@link java.util.ServiceLoader}. The
 * options are listed by {@link #options()} and in {@code docs/providers/duo.md}; the keywords a
 * user may type instead of a passcode are {@code push}, {@code phone} and {@code sms}, each
 * optionally followed by 1 to 9 to pick the nth capable device.
 *
 * <p>Time: the provider found by {@code ServiceLoader} measures its time limits, the push
 * deadline and its pauses on {@link Ticker#system()} and signs with the system UTC clock. A
 * test (or a host) that runs mfa-core on a ticker of its own registers the provider made with
 * {@link #DuoProvider(Ticker, Clock)} on the same one; the builder's provider replaces the one
 * found on the class path:
 * <pre>{@code
 * ManualTicker ticker = new ManualTicker();
 * MfaService mfa = MfaService.builder(authorizer)
 *         .ticker(ticker)
 *         .provider(new DuoProvider(ticker, Clock.systemUTC()))
 *         .build();
 * }</pre>
 *
 * <p>Thread safe; holds no state but its time sources. Each configuration revision gets its own
 * verifier with its own HTTP client.
 *
 * @since 0.1.0
 */
public final class DuoProvider implements MfaProvider {

    /** The provider type configurations name: {@code duo}. */
    public static final String TYPE = "duo";

    private final Ticker ticker;
    private final Clock clock;

    /** For {@link java.util.ServiceLoader}: the system ticker and the system UTC clock. */
    public DuoProvider() {
        this(Ticker.system(), Clock.systemUTC());
    }

    /**
     * A provider on the given time sources.
     *
     * @param ticker elapsed time: request timeouts, the push deadline, the pauses between polls
     *     and before a rate-limited call is retried
     * @param clock wall-clock time: the signed {@code Date} of each request, and Duo's clock
     *     offset in the health check
     * @throws NullPointerException if either is null
     */
    public DuoProvider(Ticker ticker, Clock clock) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.clock = Objects.requireNonNull(clock, "clock");
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
        return DuoVerifiers.open(configuration, version(), ticker, clock);
    }
}
