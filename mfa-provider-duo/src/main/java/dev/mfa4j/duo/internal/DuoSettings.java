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
import dev.mfa4j.api.Secret;
import dev.mfa4j.api.spi.OptionSpec;
import dev.mfa4j.api.spi.OptionValues;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code duo} configuration's options, read and checked once when a verifier opens. The secret
 * key is a {@link Secret}, which the verifier destroys on close; {@link #toString()} never shows it.
 *
 * @param name the configuration name, for logs
 * @param host the API host, with {@code :port} if any
 * @param integrationKey the ikey
 * @param secretKey the skey; destroyed when the verifier closes
 * @param userParameter {@code user_id} or {@code username}
 * @param signatureVersion the canonical format
 * @param hmac the HMAC
 * @param requestTimeout the bound of each ordinary call
 * @param pushTimeout the overall deadline of a push or phone call
 * @param retryBudget the most total wait for 429 retries
 * @param caCertificates PEM that replaces the bundled roots, if set
 * @param proxy the CONNECT proxy, if set
 * @param pushType the push label, if set
 * @param pushInfo the push info, if set
 * @param verifiedPush whether to ask for Verified Push
 */
record DuoSettings(String name, String host, String integrationKey, Secret secretKey, String userParameter,
        SignatureVersion signatureVersion, HmacAlgorithm hmac, Duration requestTimeout, Duration pushTimeout, Duration retryBudget,
        Optional<String> caCertificates, Optional<InetSocketAddress> proxy, Optional<String> pushType, Optional<String> pushInfo,
        boolean verifiedPush) {

    DuoSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(integrationKey, "integrationKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(userParameter, "userParameter");
        Objects.requireNonNull(signatureVersion, "signatureVersion");
        Objects.requireNonNull(hmac, "hmac");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(pushTimeout, "pushTimeout");
        Objects.requireNonNull(retryBudget, "retryBudget");
        Objects.requireNonNull(caCertificates, "caCertificates");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(pushType, "pushType");
        Objects.requireNonNull(pushInfo, "pushInfo");
    }

    /**
     * Reads and checks every option again (the configuration may not have come through mfa-core).
     *
     * @param configuration a {@code duo} configuration
     * @return its settings
     * @throws InvalidConfigurationException naming every option at fault
     */
    static DuoSettings from(MfaConfiguration configuration) {
        List<InvalidConfigurationException.Violation> problems = new ArrayList<>();
        for (OptionSpec spec : DuoOptionSpecs.ALL) {
            Optional<String> value = option(configuration, spec.name());
            if (value.isEmpty()) {
                if (spec.required()) {
                    problems.add(new InvalidConfigurationException.Violation("Options." + spec.name(), "is required"));
                }
                continue;
            }
            spec.check().problem(value.get())
                    .ifPresent(p -> problems.add(new InvalidConfigurationException.Violation("Options." + spec.name(), p)));
        }
        for (String key : configuration.options().keySet()) {
            if (DuoOptionSpecs.ALL.stream().noneMatch(s -> s.name().equalsIgnoreCase(key))) {
                problems.add(new InvalidConfigurationException.Violation("Options." + key, "is not an option of the duo provider"));
            }
        }
        if (problems.isEmpty()) {
            problems.addAll(DuoOptionSpecs.crossCheck(configuration));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new DuoSettings(
                configuration.name(),
                option(configuration, HOST).orElseThrow().strip(),
                option(configuration, INTEGRATION_KEY).orElseThrow().strip(),
                Secret.of(option(configuration, SECRET_KEY).orElseThrow().strip()),
                option(configuration, USER_IDENTIFIER).orElse("user_id").strip().toLowerCase(Locale.ROOT),
                SignatureVersion.fromOption(option(configuration, SIGNATURE_VERSION).orElse("5")),
                HmacAlgorithm.fromOption(option(configuration, SIGNATURE_ALGORITHM).orElse("HmacSHA512")),
                duration(configuration, REQUEST_TIMEOUT, DuoOptionSpecs.DEFAULT_REQUEST_TIMEOUT),
                duration(configuration, PUSH_TIMEOUT, DuoOptionSpecs.DEFAULT_PUSH_TIMEOUT),
                duration(configuration, RETRY_BUDGET, DuoOptionSpecs.DEFAULT_RETRY_BUDGET),
                option(configuration, CA_CERTIFICATES),
                option(configuration, PROXY).flatMap(ProxyAddress::parse),
                option(configuration, PUSH_TYPE),
                option(configuration, PUSH_INFO).map(String::strip),
                option(configuration, VERIFIED_PUSH).flatMap(OptionValues::parseOnOff).orElse(false));
    }

    /**
     * @param configuration a configuration
     * @param name an option name; matched without regard to case, as mfa-core matches keys
     * @return the value, if set
     */
    static Optional<String> option(MfaConfiguration configuration, String name) {
        for (Map.Entry<String, String> e : configuration.options().entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    private static Duration duration(MfaConfiguration configuration, String name, Duration fallback) {
        return option(configuration, name).flatMap(OptionValues::parseDuration).orElse(fallback);
    }

    @Override
    public String toString() {
        return "DuoSettings[name=" + name + ", host=" + host + ", integrationKey=" + integrationKey + ", secretKey=***, user="
                + userParameter + ", signature=v" + (signatureVersion == SignatureVersion.V5 ? 5 : 2) + "/" + hmac.jcaName()
                + ", requestTimeout=" + requestTimeout + ", pushTimeout=" + pushTimeout + ", retryBudget=" + retryBudget
                + ", caCertificates=" + (caCertificates.isPresent() ? "custom" : "bundled") + ", proxy=" + proxy.orElse(null)
                + ", verifiedPush=" + verifiedPush + "]";
    }
}
