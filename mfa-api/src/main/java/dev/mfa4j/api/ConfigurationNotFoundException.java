package dev.mfa4j.api;

import java.util.Objects;

/**
 * A management operation named a configuration that does not exist.
 *
 * @since 0.1.0
 */
public class ConfigurationNotFoundException extends MfaException {

    private static final long serialVersionUID = 1L;

    /** The name no configuration has. */
    private final String configurationName;

    /** @param configurationName the name that was not found */
    public ConfigurationNotFoundException(String configurationName) {
        super("no MFA configuration is named '" + Objects.requireNonNull(configurationName, "configurationName") + "'");
        this.configurationName = configurationName;
    }

    /** @return the name that was not found */
    public String configurationName() {
        return configurationName;
    }
}
