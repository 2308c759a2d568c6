package dev.mfa4j.examples.totp;

import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.OptionCheck;
import dev.mfa4j.api.spi.OptionSpec;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * An MFA provider of type {@code example-totp}: time-based one-time passwords as RFC 6238 defines them,
 * the codes authenticator apps show. An example of a provider plugin: it depends on mfa-api only,
 * and mfa-core finds it with {@link java.util.ServiceLoader} when its jar is on the class path or
 * the module path (see {@code META-INF/services} and {@code module-info.java}).
 *
 * <p>For real use, take the published {@code mfa-provider-totp} (type {@code totp}): it gives each
 * principal its own secret through mfa-core's enrollment, with a QR code to scan. This one keeps
 * the whole walkthrough of a plugin small, and has a type of its own so that the two can be
 * installed side by side (mfa-core refuses two providers of one type).
 *
 * <p>Options of an {@code example-totp} configuration:
 * <ul>
 *   <li>{@code Secrets} (required, secret): each user's shared secret, {@code name=BASE32SECRET}
 *       entries separated by commas, such as {@code alice=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP}. A
 *       principal's assignment names its entry: its provider user id is the entry's name.</li>
 *   <li>{@code Algorithm}: {@code SHA1} (default), {@code SHA256} or {@code SHA512}.</li>
 *   <li>{@code Digits}: {@code 6} (default) or {@code 8}.</li>
 *   <li>{@code Skew}: how many 30-second steps before and after the current one are also
 *       accepted, {@code 0} to {@value #MAX_SKEW}; default {@code 1}.</li>
 * </ul>
 * The time step is fixed at RFC 6238's 30 seconds (T0 = 0), which is what authenticator apps use.
 *
 * <h2>Why the secrets are an option and not the provider user id</h2>
 * A TOTP secret belongs to one user, so it cannot be an ordinary option shared by all. The
 * assignment's provider user id is per user, and would be the obvious place, but mfa-core does not
 * treat it as a secret: it is stored in the host's store as given (never sealed), returned by
 * {@code principals().get} and {@code list()}, and printed by {@code MfaAssignment.toString()} and
 * {@code VerificationRequest.toString()}. A secret there would leak into every log line that prints
 * an assignment. Options declared {@linkplain OptionSpec#secret() secret}, by contrast, are
 * redacted on every read unless explicitly revealed and permitted, sealed with AES-GCM in the store
 * when the host enables sealing, and kept on an update that omits them. So the secrets live in the
 * secret {@code Secrets} option, and the provider user id is only a name ({@code alice}) that picks
 * an entry. The price: enrolling or removing a user is an update of the whole configuration (read
 * with secrets revealed, change one entry, write back, which needs the permission to read every
 * user's secret), and one configuration holds at most what a 64 KiB option value can, about a
 * thousand users. A deployment with more users would keep secrets in its own sealed store.
 *
 * <h2>Replay</h2>
 * A code is accepted once: the provider remembers, per configuration and user, the last time step
 * it accepted, and accepts only later steps (see {@code UsedSteps}). mfa-core refuses a reused
 * passcode as well; this check is defence in depth and also holds under a host that uses the
 * provider without mfa-core's policy. The record is in memory, in this instance: it is kept
 * across revisions of a configuration, but not across nodes or restarts.
 *
 * <p>Thread safe. mfa-core makes one instance; each configuration revision gets its own verifier.
 *
 * @since 0.1.0
 */
public final class TotpProvider implements MfaProvider {

    /** The provider type. */
    public static final String TYPE = "example-totp";
    /** The option that holds each user's secret. */
    public static final String SECRETS = "Secrets";
    /** The option that chooses the HMAC hash function. */
    public static final String ALGORITHM = "Algorithm";
    /** The option that chooses the code length. */
    public static final String DIGITS = "Digits";
    /** The option that chooses how many steps of clock drift to accept either side. */
    public static final String SKEW = "Skew";
    /** The largest {@code Skew}: 3 steps either side, 3.5 minutes of codes, already generous. */
    public static final int MAX_SKEW = 3;

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.builder(SECRETS).required().secret()
                    .description("Each user's TOTP shared secret, as name=BASE32SECRET entries separated by commas (Base32 of RFC "
                            + "4648, as in otpauth:// URIs, 16 to 128 bytes); a principal's provider user id names its entry.")
                    .check(UserSecrets::problem)
                    .build(),
            OptionSpec.builder(ALGORITHM).defaultValue("SHA1")
                    .description("The HMAC hash function: SHA1 (default, what most authenticator apps use), SHA256 or SHA512.")
                    .check(OptionCheck.oneOf("SHA1", "SHA256", "SHA512"))
                    .build(),
            OptionSpec.builder(DIGITS).defaultValue("6")
                    .description("How many digits a code has: 6 (default) or 8.")
                    .check(OptionCheck.oneOf("6", "8"))
                    .build(),
            OptionSpec.builder(SKEW).defaultValue("1")
                    .description("How many 30-second steps before and after the current one are also accepted, for clock drift "
                            + "and typing time: 0 to " + MAX_SKEW + " (default 1).")
                    .check(OptionCheck.integerBetween(0, MAX_SKEW))
                    .build());

    private final Clock clock;
    private final UsedSteps usedSteps = new UsedSteps();

    /** Creates the provider with the system clock, in UTC; this is the constructor {@link java.util.ServiceLoader} calls. */
    public TotpProvider() {
        this(Clock.systemUTC());
    }

    /**
     * For tests: a provider whose verifiers read the time from {@code clock}.
     *
     * @param clock the time source
     */
    TotpProvider(Clock clock) {
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
        return OPTIONS;
    }

    /**
     * @param configuration an {@code example-totp} configuration that passed validation
     * @return a verifier that owns the configuration's secrets until it is closed
     * @throws InvalidConfigurationException naming each option whose value is refused, if the
     *     configuration did not come through mfa-core's validation (the message quotes no secret)
     */
    @Override
    public MfaVerifier open(MfaConfiguration configuration) {
        TotpSettings settings = TotpSettings.from(configuration, OPTIONS);
        UserSecrets secrets = UserSecrets.parse(configuration.option(SECRETS).orElseThrow());
        return new TotpVerifier(configuration.name(), settings, secrets, usedSteps, clock);
    }

    @Override
    public String toString() {
        return "TotpProvider[" + usedSteps + "]";
    }
}
