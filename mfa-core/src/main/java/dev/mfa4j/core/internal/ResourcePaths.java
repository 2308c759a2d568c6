package dev.mfa4j.core.internal;

import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;

/** The resource paths management operations are authorized on. See {@code ManagementAuthorizer}. */
public final class ResourcePaths {

    /** The collection of configurations: READ lists them. */
    public static final String CONFIGURATIONS = "mfa/configurations";
    /** The collection of assignments: READ lists them. */
    public static final String PRINCIPALS = "mfa/principals";

    private ResourcePaths() {
    }

    /**
     * @param name a configuration name
     * @return {@code mfa/configurations/<name>}
     * @throws dev.mfa4j.api.InvalidConfigurationException if the name's form is wrong: a name
     *     with a {@code /} would name another resource
     */
    public static String configuration(String name) {
        return CONFIGURATIONS + "/" + MfaConfiguration.checkName(name);
    }

    /**
     * @param name a configuration name
     * @return {@code mfa/configurations/<name>/secrets}
     */
    public static String secrets(String name) {
        return configuration(name) + "/secrets";
    }

    /**
     * @param principal a principal
     * @return {@code mfa/principals/<principal path>}
     */
    public static String principal(PrincipalId principal) {
        return PRINCIPALS + "/" + principal.path();
    }

    /**
     * @param principal a principal
     * @return {@code mfa/principals/<principal path>/enrollment}
     */
    public static String enrollment(PrincipalId principal) {
        return principal(principal) + "/enrollment";
    }

    /**
     * @param principal a principal
     * @return {@code mfa/principals/<principal path>/recovery-codes}
     */
    public static String recoveryCodes(PrincipalId principal) {
        return principal(principal) + "/recovery-codes";
    }
}
