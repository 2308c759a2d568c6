package dev.mfa4j.api;

import java.util.Objects;

/**
 * A delete named a configuration that principals are still assigned to. Remove those
 * assignments first, or delete with force (which removes them too).
 *
 * @since 0.1.0
 */
public class ConfigurationInUseException extends MfaException {

    private static final long serialVersionUID = 1L;

    /** The configuration still assigned. */
    private final String configurationName;
    /** How many principals are assigned to it. */
    private final long assignmentCount;

    /**
     * @param configurationName the configuration that could not be deleted
     * @param assignmentCount how many principals are assigned to it
     */
    public ConfigurationInUseException(String configurationName, long assignmentCount) {
        super("MFA configuration '" + Objects.requireNonNull(configurationName, "configurationName") + "' is assigned to "
                + assignmentCount + (assignmentCount == 1 ? " principal" : " principals")
                + "; remove the assignments first, or delete with force to remove them too");
        this.configurationName = configurationName;
        this.assignmentCount = assignmentCount;
    }

    /** @return the configuration that could not be deleted */
    public String configurationName() {
        return configurationName;
    }

    /** @return how many principals are assigned to it */
    public long assignmentCount() {
        return assignmentCount;
    }
}
