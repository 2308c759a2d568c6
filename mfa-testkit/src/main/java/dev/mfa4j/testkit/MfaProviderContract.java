package dev.mfa4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.HealthStatus;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.OptionSpec;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link MfaProvider} must meet. Extend it in your provider's tests and say
 * how to reach an approving, a rejecting and an unreachable configuration in your test
 * environment (for Duo: the testkit's {@code DuoSimulator}).
 *
 * <pre>{@code
 * class TotpProviderContractTest extends MfaProviderContract {
 *     protected MfaProvider provider() { return new TotpProvider(); }
 *     protected Map<String, String> workingOptions() { return Map.of("Secrets", "alice=" + SECRET); }
 *     ...
 * }
 * }</pre>
 *
 * <p>What it checks: the provider describes itself well (type, SPI version, option specs,
 * keywords) and is registered both for the module path and the class path; the working options
 * pass its checks and each known-bad value is refused; verifiers open and close; approvals,
 * rejections and unreachability come back as the right outcome kinds, never as exceptions; and no
 * secret option value appears in any {@code toString} or outcome message.
 *
 * <p>A provider that answers from local state alone (a TOTP provider computes codes from secrets
 * in its configuration) has nothing to reach: it overrides {@link #canBeUnreachable()} to return
 * false, and the unreachability check is skipped rather than faked.
 *
 * @since 0.1.0
 */
public abstract class MfaProviderContract {

    /** For subclasses. */
    protected MfaProviderContract() {
    }

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern KEYWORD = Pattern.compile("[a-z][a-z0-9]{0,15}");

    /** @return a new instance of the provider under test */
    protected abstract MfaProvider provider();

    /** @return options of a configuration that this test environment can verify against */
    protected abstract Map<String, String> workingOptions();

    /**
     * @return options of a configuration whose provider cannot be reached (for example a closed
     *     port); not called if {@link #canBeUnreachable()} is false
     */
    protected abstract Map<String, String> unreachableOptions();

    /**
     * Whether the provider can be unreachable at all. A provider that answers from local state
     * alone, with no server, file or device to reach, has no honest configuration that answers
     * {@link Reason#PROVIDER_UNAVAILABLE}, and should not invent one: that reason is the one a
     * fail-open configuration lets through. Such a provider returns false here; the
     * unreachability check is then skipped (reported as aborted, not passed), and
     * {@link #unreachableOptions()} and {@link #unreachableRequest()} are not called.
     *
     * @return true unless overridden
     */
    protected boolean canBeUnreachable() {
        return true;
    }

    /** @return for each option name, a value its check must refuse; at least one entry */
    protected abstract Map<String, String> invalidOptionValues();

    /** @return a new request that the working configuration approves; called once per use */
    protected abstract VerificationRequest approvedRequest();

    /** @return a new request that the working configuration rejects with {@link #expectedRejection()} */
    protected abstract VerificationRequest rejectedRequest();

    /**
     * @return a new request to send to the unreachable configuration; {@link #approvedRequest()}
     *     unless overridden
     */
    protected VerificationRequest unreachableRequest() {
        return approvedRequest();
    }

    /** @return the reason {@link #rejectedRequest()} is rejected with; {@link Reason#INVALID_PASSCODE} unless overridden */
    protected Reason expectedRejection() {
        return Reason.INVALID_PASSCODE;
    }

    /** @return how long a verification may take here; 30 seconds unless overridden */
    protected Duration verificationTimeout() {
        return Duration.ofSeconds(30);
    }

    private MfaConfiguration configuration(Map<String, String> options) {
        return MfaConfiguration.of("contract", provider().type(), options).withRevision(1);
    }

    private VerificationOutcome verify(MfaVerifier verifier, VerificationRequest request) throws Exception {
        return verifier.verify(request).get(verificationTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void describesItself() {
        MfaProvider provider = provider();

        assertThat(provider.spiVersion()).as("spiVersion").isEqualTo(MfaProvider.SPI_VERSION);
        assertThat(provider.type()).as("type").matches(TYPE);
        assertThat(provider.version()).as("version").isNotBlank();
        assertThat(provider.keywords()).as("keywords").allMatch(k -> KEYWORD.matcher(k).matches());
        Set<String> names = new HashSet<>();
        for (OptionSpec spec : provider.options()) {
            assertThat(names.add(spec.name().toLowerCase(Locale.ROOT))).as("option %s declared once", spec.name()).isTrue();
            assertThat(spec.description()).as("description of option %s", spec.name()).isNotBlank();
        }
    }

    @Test
    void isRegisteredForBothTheModulePathAndTheClassPath() {
        var location = ServiceRegistrations.locationOf(provider().getClass());

        ServiceRegistrations.assertBothWaysAgree(location);
        assertThat(ServiceRegistrations.fromServiceFiles(location).get(MfaProvider.class.getName()))
                .as("META-INF/services/" + MfaProvider.class.getName())
                .contains(provider().getClass().getName());
    }

    @Test
    void theWorkingOptionsPassEveryCheck() {
        MfaProvider provider = provider();
        Map<String, String> options = workingOptions();
        for (OptionSpec spec : provider.options()) {
            String value = options.get(spec.name());
            if (spec.required()) {
                assertThat(value).as("required option %s in workingOptions()", spec.name()).isNotNull();
            }
            if (value != null) {
                assertThat(spec.check().problem(value)).as("check of option %s", spec.name()).isEmpty();
            }
        }
        assertThat(options.keySet()).as("option names").allMatch(name -> provider.options().stream().anyMatch(s -> s.name().equals(name)));
        assertThat(provider.validate(configuration(options))).isEmpty();
    }

    @Test
    void badValuesAreRefusedWithAProblemThatDoesNotRepeatSecrets() {
        MfaProvider provider = provider();
        assertThat(invalidOptionValues()).isNotEmpty();
        invalidOptionValues().forEach((name, bad) -> {
            OptionSpec spec = provider.options().stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no option named " + name));
            Optional<String> problem = spec.check().problem(bad);
            assertThat(problem).as("problem with %s", name).isPresent();
            if (spec.secret() && bad.length() >= 4) {
                assertThat(problem.get()).as("problem with secret option %s", name).doesNotContain(bad);
            }
        });
    }

    @Test
    void verifiersOpenIndependentlyAndClose() {
        MfaProvider provider = provider();
        MfaVerifier first = provider.open(configuration(workingOptions()));
        MfaVerifier second = provider.open(configuration(workingOptions()));

        assertThat(first).isNotNull().isNotSameAs(second);
        assertThatCode(first::close).doesNotThrowAnyException();
        assertThatCode(second::close).doesNotThrowAnyException();
    }

    @Test
    void anApprovedRequestIsApproved() throws Exception {
        try (MfaVerifier verifier = provider().open(configuration(workingOptions()))) {
            VerificationOutcome outcome = verify(verifier, approvedRequest());

            assertThat(outcome).isInstanceOf(VerificationOutcome.Approved.class);
            assertThat(outcome.reason()).isEqualTo(Reason.APPROVED);
        }
    }

    @Test
    void aRejectedRequestIsRejectedWithItsReason() throws Exception {
        try (MfaVerifier verifier = provider().open(configuration(workingOptions()))) {
            VerificationOutcome outcome = verify(verifier, rejectedRequest());

            assertThat(outcome).isInstanceOf(VerificationOutcome.Rejected.class);
            assertThat(outcome.reason()).isEqualTo(expectedRejection());
        }
    }

    @Test
    void anUnreachableProviderIsUnavailableNotAnException() throws Exception {
        assumeTrue(canBeUnreachable(), "the provider declares that it has nothing to reach");
        try (MfaVerifier verifier = provider().open(configuration(unreachableOptions()))) {
            VerificationOutcome outcome = verify(verifier, unreachableRequest());

            assertThat(outcome).isInstanceOf(VerificationOutcome.NoVerdict.class);
            assertThat(outcome.reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        }
    }

    @Test
    void healthAnswersWithoutThrowing() throws Exception {
        try (MfaVerifier verifier = provider().open(configuration(workingOptions()))) {
            HealthStatus status = verifier.health().get(verificationTimeout().toMillis(), TimeUnit.MILLISECONDS);

            assertThat(status).isNotNull();
            assertThat(status.state()).isNotEqualTo(HealthStatus.State.UNHEALTHY);
        }
    }

    @Test
    void noSecretValueAppearsInAnyToStringOrMessage() throws Exception {
        MfaProvider provider = provider();
        List<String> secrets = new ArrayList<>();
        for (OptionSpec spec : provider.options()) {
            String value = workingOptions().get(spec.name());
            if (spec.secret() && value != null) {
                secrets.add(value);
            }
        }
        List<String> texts = new ArrayList<>();
        texts.add(provider.toString());
        MfaConfiguration configuration = configuration(workingOptions());
        texts.add(configuration.toString());
        try (MfaVerifier verifier = provider.open(configuration)) {
            texts.add(verifier.toString());
            for (VerificationRequest request : List.of(approvedRequest(), rejectedRequest())) {
                VerificationOutcome outcome = verify(verifier, request);
                texts.add(outcome.toString());
                texts.add(outcome.message());
            }
        }
        for (String text : texts) {
            for (String secret : secrets) {
                assertThat(text).as("a toString or message").doesNotContain(secret);
            }
        }
    }
}
