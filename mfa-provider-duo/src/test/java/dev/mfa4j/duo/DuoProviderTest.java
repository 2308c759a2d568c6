package dev.mfa4j.duo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.OptionSpec;
import dev.mfa4j.api.spi.Ticker;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The provider as mfa-core sees it: discovery, options and their checks, keywords, open. */
class DuoProviderTest {

    private static final String SKEY = "Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep";
    private final DuoProvider provider = new DuoProvider();

    private OptionSpec spec(String name) {
        return provider.options().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private Optional<String> problem(String option, String value) {
        return spec(option).check().problem(value);
    }

    private static MfaConfiguration config(String... extra) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("Host", "api-3945ef22.duosecurity.com");
        options.put("IntegrationKey", "DIWJ8X6AEYOR5OMC6TQ1");
        options.put("SecretKey", SKEY);
        for (int i = 0; i < extra.length; i += 2) {
            options.put(extra[i], extra[i + 1]);
        }
        return MfaConfiguration.of("duo-main", "duo", options);
    }

    @Test
    void foundByServiceLoader() {
        assertThat(ServiceLoader.load(MfaProvider.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(p -> {
                    assertThat(p).isInstanceOf(DuoProvider.class);
                    assertThat(p.type()).isEqualTo("duo");
                    assertThat(p.spiVersion()).isEqualTo(1);
                });
    }

    @Test
    void itsVersionFollowsTheSpiDefaultTheJarsOrUnknown() {
        String fromManifest = DuoProvider.class.getPackage().getImplementationVersion();

        assertThat(provider.version()).isEqualTo(fromManifest == null ? "unknown" : fromManifest);
    }

    @Test
    void timeSourcesAreRequired() {
        assertThatThrownBy(() -> new DuoProvider(null, Clock.systemUTC())).isInstanceOf(NullPointerException.class)
                .hasMessage("ticker");
        assertThatThrownBy(() -> new DuoProvider(Ticker.system(), null)).isInstanceOf(NullPointerException.class)
                .hasMessage("clock");
    }

    @Test
    void optionsInOrderWithFlagsAndDefaults() {
        assertThat(provider.options()).extracting(OptionSpec::name).containsExactly("Host", "IntegrationKey", "SecretKey",
                "UserIdentifier", "SignatureVersion", "SignatureAlgorithm", "RequestTimeout", "PushTimeout", "RetryBudget",
                "CaCertificates", "Proxy", "PushType", "PushInfo", "VerifiedPush");
        assertThat(provider.options()).filteredOn(OptionSpec::required).extracting(OptionSpec::name)
                .containsExactly("Host", "IntegrationKey", "SecretKey");
        assertThat(provider.options()).filteredOn(OptionSpec::secret).extracting(OptionSpec::name).containsExactly("SecretKey");
        assertThat(spec("UserIdentifier").defaultValue()).contains("user_id");
        assertThat(spec("SignatureVersion").defaultValue()).contains("5");
        assertThat(spec("PushTimeout").defaultValue()).contains("75s");
        assertThat(spec("RequestTimeout").defaultValue()).contains("10s");
        assertThat(spec("RetryBudget").defaultValue()).contains("10s");
        assertThat(spec("VerifiedPush").defaultValue()).contains("off");
        assertThat(provider.options()).extracting(OptionSpec::name).doesNotContain("FailMode");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api-3945ef22.duosecurity.com", "API-3945EF22.DUOSECURITY.COM", "localhost:8443", "127.0.0.1:1",
        "duo.example.com:65535"})
    void hostsAccepted(String host) {
        assertThat(problem("Host", host)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api-3945ef22.duosecurity.com", "api-3945ef22.duosecurity.com/auth", "user@api.duosecurity.com",
        "api duosecurity.com", " api.duosecurity.com", "host:0", "host:65536", "host:", "-host.com", "", "host..com", "[::1]:443"})
    void hostsRefused(String host) {
        assertThat(problem("Host", host)).isPresent();
    }

    @Test
    void keysAreCheckedForForm() {
        assertThat(problem("IntegrationKey", "DIWJ8X6AEYOR5OMC6TQ1")).isEmpty();
        assertThat(problem("IntegrationKey", "diwj8x6aeyor5omc6tq1")).contains("expected DI followed by 18 upper-case letters or digits");
        assertThat(problem("IntegrationKey", "DIWJ8X6AEYOR5OMC6TQ")).isPresent();
        assertThat(problem("SecretKey", SKEY)).isEmpty();
        assertThat(problem("SecretKey", SKEY.substring(1))).hasValueSatisfying(p -> assertThat(p).contains("40").doesNotContain(SKEY.substring(1)));
        assertThat(problem("SecretKey", SKEY.substring(1) + "!")).isPresent();
    }

    @Test
    void otherOptionsAreCheckedForForm() {
        assertThat(problem("UserIdentifier", "username")).isEmpty();
        assertThat(problem("UserIdentifier", "email")).isPresent();
        assertThat(problem("SignatureVersion", "2")).isEmpty();
        assertThat(problem("SignatureVersion", "4")).isPresent();
        assertThat(problem("SignatureAlgorithm", "HmacSHA1")).isEmpty();
        assertThat(problem("SignatureAlgorithm", "HmacSHA256")).isPresent();
        assertThat(problem("PushTimeout", "75s")).isEmpty();
        assertThat(problem("PushTimeout", "PT5M")).isEmpty();
        assertThat(problem("PushTimeout", "6m")).isPresent();
        assertThat(problem("PushTimeout", "0s")).isPresent();
        assertThat(problem("RequestTimeout", "1500ms")).isEmpty();
        assertThat(problem("RequestTimeout", "0s")).isPresent();
        assertThat(problem("RetryBudget", "0s")).isEmpty();
        assertThat(problem("RetryBudget", "2m")).isPresent();
        assertThat(problem("Proxy", "http://proxy.example.com:3128")).isEmpty();
        assertThat(problem("Proxy", "https://proxy.example.com:3128")).isPresent();
        assertThat(problem("Proxy", "http://user:secret@proxy.example.com:3128")).isPresent();
        assertThat(problem("Proxy", "http://proxy.example.com")).isPresent();
        assertThat(problem("Proxy", "proxy.example.com:3128")).isPresent();
        assertThat(problem("PushInfo", "from=login%20portal&domain=example.com")).isEmpty();
        assertThat(problem("PushInfo", "from=login portal")).isPresent();
        assertThat(problem("PushInfo", "a=" + "b".repeat(20_000))).isPresent();
        assertThat(problem("PushType", "Vault login")).isEmpty();
        assertThat(problem("PushType", "x\ny")).isPresent();
        assertThat(problem("VerifiedPush", "on")).isEmpty();
        assertThat(problem("VerifiedPush", "yes")).isPresent();
        assertThat(problem("CaCertificates", "not a certificate")).contains(
                "expected one or more PEM certificates (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)");
    }

    @Test
    void sha1OnlyWithVersion2() {
        assertThat(provider.validate(config("SignatureAlgorithm", "HmacSHA1"))).singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("Options.SignatureAlgorithm"));
        assertThat(provider.validate(config("SignatureVersion", "2", "SignatureAlgorithm", "HmacSHA1"))).isEmpty();
    }

    @Test
    void keywords() {
        assertThat(provider.keywords()).hasSize(30).contains("push", "push1", "push9", "phone", "phone3", "sms", "sms9")
                .allMatch(k -> k.equals(k.toLowerCase(java.util.Locale.ROOT)));
    }

    @Test
    void openMakesNoNetworkCallAndHidesTheKey() {
        // duo.invalid cannot resolve: opening must not try.
        try (MfaVerifier verifier = provider.open(config("Host", "duo.invalid"))) {
            assertThat(verifier.toString()).doesNotContain(SKEY).contains("***");
        }
    }

    @Test
    void openRefusesAnInvalidConfigurationNamingEveryField() {
        assertThatThrownBy(() -> provider.open(config("IntegrationKey", "nope", "Colour", "blue", "PushTimeout", "forever")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.violations())
                        .extracting(InvalidConfigurationException.Violation::field)
                        .containsExactlyInAnyOrder("Options.IntegrationKey", "Options.PushTimeout", "Options.Colour"));
        assertThatThrownBy(() -> provider.open(MfaConfiguration.of("x", "duo", Map.of("Host", "h.example.com"))))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.violations())
                        .extracting(InvalidConfigurationException.Violation::field)
                        .containsExactly("Options.IntegrationKey", "Options.SecretKey"));
    }

    @Test
    void optionKeysAreMatchedWithoutRegardToCase() {
        MfaConfiguration lower = MfaConfiguration.of("x", "duo",
                Map.of("host", "api-3945ef22.duosecurity.com", "integrationkey", "DIWJ8X6AEYOR5OMC6TQ1", "secretkey", SKEY));
        try (MfaVerifier verifier = provider.open(lower)) {
            assertThat(verifier).isNotNull();
        }
    }
}
