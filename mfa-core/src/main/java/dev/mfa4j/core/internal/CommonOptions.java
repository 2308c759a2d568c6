package dev.mfa4j.core.internal;

import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.OptionCheck;
import dev.mfa4j.api.spi.OptionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Options every configuration may set whatever its type, because mfa-core applies them, not the
 * provider. Providers never see them: they are removed before a configuration is handed to
 * {@link MfaProvider#validate} or {@link MfaProvider#open}, and a provider may not declare one.
 */
public final class CommonOptions {

    /** {@code closed} (the default) or {@code open}: what an unreachable provider means. */
    public static final String FAIL_MODE = "FailMode";

    /** The specs of the common options. */
    public static final List<OptionSpec> SPECS = List.of(
            OptionSpec.builder(FAIL_MODE).defaultValue("closed")
                    .description("closed (default): an unreachable provider denies the login. open: when no answer could be had "
                            + "from the provider (a refused, dropped or unresolved connection, a timeout, a 5xx), the login goes "
                            + "through as FAIL_OPEN_BYPASS, logged and audited; never for a denial, a wrong passcode, a lockout, a rate "
                            + "limit, a TLS or signature failure, bad keys, an unusable answer, or a closing service.")
                    .check(OptionCheck.oneOf("closed", "open"))
                    .build());

    private static final Set<String> NAMES_LOWER_CASE = SPECS.stream().map(s -> s.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());

    private CommonOptions() {
    }

    /**
     * @param provider a provider
     * @return its option specs followed by the common ones
     */
    public static List<OptionSpec> allSpecs(MfaProvider provider) {
        List<OptionSpec> all = new ArrayList<>(provider.options());
        all.addAll(SPECS);
        return all;
    }

    /**
     * @param name an option name
     * @return whether it is a common option, in any case
     */
    public static boolean isCommon(String name) {
        return NAMES_LOWER_CASE.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * @param configuration a configuration
     * @return it without the common options, as its provider should see it
     */
    public static MfaConfiguration forProvider(MfaConfiguration configuration) {
        if (configuration.options().keySet().stream().noneMatch(CommonOptions::isCommon)) {
            return configuration;
        }
        Map<String, String> providerOptions = new LinkedHashMap<>(configuration.options());
        providerOptions.keySet().removeIf(CommonOptions::isCommon);
        return configuration.withOptions(providerOptions);
    }

    /**
     * @param configuration a configuration
     * @return whether it asks to fail open
     */
    public static boolean failsOpen(MfaConfiguration configuration) {
        return configuration.option(FAIL_MODE).map(mode -> mode.equalsIgnoreCase("open")).orElse(false);
    }
}
