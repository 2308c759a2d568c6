package dev.mfa4j.api;

import java.util.Objects;

/**
 * A create named a configuration that already exists. Names are unique across all
 * configurations.
 *
 * @since 0.1.0
 */
public class DuplicateConfigurationException extends MfaException {

    private static final long serialVersionUID = 1L;

    /** The name already taken. */
    private final String configurationName;

    /** @param configurationName the name that is already taken */
    public DuplicateConfigurationException(String configurationName) {
        super("an MFA configuration named '" + Objects.requireNonNull(configurationName, "configurationName")
                + "' already exists; names must be unique");
        this.configurationName = configurationName;
    }

    /** @return the name that is already taken */
    public String configurationName() {
        return configurationName;
    }
}
