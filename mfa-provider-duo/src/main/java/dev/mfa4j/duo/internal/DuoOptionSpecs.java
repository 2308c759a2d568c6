package dev.mfa4j.duo.internal;

import static dev.mfa4j.duo.DuoOptions.CA_CERTIFICATES;
import static dev.mfa4j.duo.DuoOptions.HOST;
import static dev.mfa4j.duo.DuoOptions.INTEGRATION_KEY;
import static dev.mfa4j.duo.DuoOptions.PROXY;
import static dev.mfa4j.duo.DuoOptions.PUSH_INFO;
import static dev.mfa4j.duo.DuoOptions.PUSH_TIMEOUT;
import static dev.mfa4j.duo.DuoOptions.PUSH_TYPE;
import static dev.mfa4j.duo.DuoOptions.REQUEST_TIMEOUT;
import static dev.mfa4j.duo.DuoOptions.RETRY_BUDGET;
import static dev.mfa4j.duo.DuoOptions.SECRET_KEY;
import static dev.mfa4j.duo.DuoOptions.SIGNATURE_ALGORITHM;
import static dev.mfa4j.duo.DuoOptions.SIGNATURE_VERSION;
import static dev.mfa4j.duo.DuoOptions.USER_IDENTIFIER;
import static dev.mfa4j.duo.DuoOptions.VERIFIED_PUSH;

import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.spi.OptionCheck;
import dev.mfa4j.api.spi.OptionSpec;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The options of a {@code duo} configuration: forms, defaults and checks. */
public final class DuoOptionSpecs {

    /** Defaults, also shown in the specs and the documentation. */
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_PUSH_TIMEOUT = Duration.ofSeconds(75);
    static final Duration MAX_PUSH_TIMEOUT = Duration.ofMinutes(5);
    static final Duration DEFAULT_RETRY_BUDGET = Duration.ofSeconds(10);
    /** Duo's limit on pushinfo is "under 20,000 bytes". */
    static final int MAX_PUSH_INFO_BYTES = 19_999;

    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern HOST_FORM = Pattern.compile("(" + LABEL + "(?:\\." + LABEL + ")*)(?::([0-9]{1,5}))?");
    private static final Pattern IKEY = Pattern.compile("DI[0-9A-Z]{18}");
    private static final Pattern SKEY = Pattern.compile("[0-9A-Za-z]{40}");
    private static final String PUSH_INFO_PART = "[A-Za-z0-9._~%+-]+=[A-Za-z0-9._~%+-]*";
    private static final Pattern PUSH_INFO_FORM = Pattern.compile(PUSH_INFO_PART + "(?:&" + PUSH_INFO_PART + ")*");

    /** Every option, in the order to show them. */
    public static final List<OptionSpec> ALL = List.of(
            OptionSpec.builder(HOST).required().secretsDestination()
                    .description("The Duo API host name, such as api-3945ef22.duosecurity.com; optionally host:port. HTTPS only.")
                    .check(OptionCheck.notBlank().and(DuoOptionSpecs::hostProblem)).build(),
            OptionSpec.builder(INTEGRATION_KEY).required()
                    .description("The Auth API integration key (ikey).")
                    .check(OptionCheck.matching(IKEY, "DI followed by 18 upper-case letters or digits")).build(),
            OptionSpec.builder(SECRET_KEY).required().secret()
                    .description("The integration's secret key (skey). Never logged or shown.")
                    .check(OptionCheck.matching(SKEY, "40 letters or digits")).build(),
            OptionSpec.builder(USER_IDENTIFIER).defaultValue("user_id")
                    .description("How the assignment's provider user id is sent to Duo: user_id (Duo's permanent id, default) or username.")
                    .check(OptionCheck.oneOf("user_id", "username")).build(),
            OptionSpec.builder(SIGNATURE_VERSION).defaultValue("5")
                    .description("Request signature version: 5 (HMAC-SHA512 over JSON bodies, default) or 2 (form bodies).")
                    .check(OptionCheck.oneOf("5", "2")).build(),
            OptionSpec.builder(SIGNATURE_ALGORITHM).defaultValue("HmacSHA512")
                    .description("HMAC of a version 2 signature: HmacSHA512 (default) or HmacSHA1. Version 5 always uses HmacSHA512.")
                    .check(OptionCheck.oneOf("HmacSHA512", "HmacSHA1")).build(),
            OptionSpec.builder(REQUEST_TIMEOUT).defaultValue("10s")
                    .description("Connect and read timeout of each ordinary call to Duo (1s to 60s; default 10s).")
                    .check(OptionCheck.durationBetween(Duration.ofSeconds(1), Duration.ofSeconds(60))).build(),
            OptionSpec.builder(PUSH_TIMEOUT).defaultValue("75s")
                    .description("Overall deadline of a push or phone call, from the start of the verification (10s to 5m; default 75s).")
                    .check(OptionCheck.durationBetween(Duration.ofSeconds(10), MAX_PUSH_TIMEOUT)).build(),
            OptionSpec.builder(RETRY_BUDGET).defaultValue("10s")
                    .description("Most time spent in total waiting to retry a call Duo rate-limited (HTTP 429); 0s disables retries"
                            + " (0s to 60s; default 10s).")
                    .check(OptionCheck.durationBetween(Duration.ZERO, Duration.ofSeconds(60))).build(),
            OptionSpec.builder(CA_CERTIFICATES).secretsDestination()
                    .description("PEM certificates that replace the bundled Duo root CAs as the only trusted roots.")
                    .check(DuoOptionSpecs::certificatesProblem).build(),
            OptionSpec.builder(PROXY).secretsDestination()
                    .description("An HTTP proxy, http://host:port, that reaches Duo with CONNECT. Default: direct connection.")
                    .check(value -> ProxyAddress.parse(value).isPresent() ? Optional.empty()
                            : Optional.of("expected " + ProxyAddress.EXPECTED)).build(),
            OptionSpec.builder(PUSH_TYPE)
                    .description("The label Duo Mobile shows for a push, such as 'Login request' (1 to 64 characters).")
                    .check(value -> value.isBlank() || value.length() > 64 || value.chars().anyMatch(Character::isISOControl)
                            ? Optional.of("expected 1 to 64 characters without control characters") : Optional.empty()).build(),
            OptionSpec.builder(PUSH_INFO)
                    .description("URL-encoded key=value pairs joined with & that Duo Mobile shows with a push,"
                            + " such as from=login%20portal&domain=example.com (under 20,000 bytes).")
                    .check(value -> PUSH_INFO_FORM.matcher(value).matches()
                            && value.getBytes(StandardCharsets.UTF_8).length <= MAX_PUSH_INFO_BYTES ? Optional.empty()
                            : Optional.of("expected URL-encoded key=value pairs joined with &, under 20,000 bytes")).build(),
            OptionSpec.builder(VERIFIED_PUSH).defaultValue("off")
                    .description("on: ask Duo for Verified Push and report the code the login page must show (default off).")
                    .check(OptionCheck.onOff()).build());

    private DuoOptionSpecs() {
    }

    /**
     * Rules that involve several options.
     *
     * @param configuration a configuration whose options each passed their own check
     * @return the problems found
     */
    public static List<InvalidConfigurationException.Violation> crossCheck(MfaConfiguration configuration) {
        List<InvalidConfigurationException.Violation> problems = new ArrayList<>();
        String version = DuoSettings.option(configuration, SIGNATURE_VERSION).orElse("5").strip();
        String algorithm = DuoSettings.option(configuration, SIGNATURE_ALGORITHM).orElse("HmacSHA512").strip();
        if (version.equals("5") && algorithm.equalsIgnoreCase("HmacSHA1")) {
            problems.add(new InvalidConfigurationException.Violation("Options." + SIGNATURE_ALGORITHM,
                    "HmacSHA1 needs SignatureVersion 2; version 5 always uses HmacSHA512"));
        }
        return problems;
    }

    static Optional<String> hostProblem(String value) {
        String expected = "expected a bare host name such as api-3945ef22.duosecurity.com, optionally with :port"
                + " (no scheme, path, user or spaces)";
        Matcher m = HOST_FORM.matcher(value);
        if (!m.matches() || m.group(1).length() > 253) {
            return Optional.of(expected);
        }
        if (m.group(2) != null) {
            int port = Integer.parseInt(m.group(2));
            if (port < 1 || port > 65535) {
                return Optional.of("expected a port from 1 to 65535 after the host name");
            }
        }
        return Optional.empty();
    }

    static Optional<String> certificatesProblem(String value) {
        try {
            TrustAnchors.parse(value);
            return Optional.empty();
        } catch (CertificateException e) {
            return Optional.of("expected one or more PEM certificates (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)");
        }
    }
}
