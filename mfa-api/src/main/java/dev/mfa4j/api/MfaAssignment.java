package dev.mfa4j.api;

import java.util.Objects;

/**
 * Binds a principal to one MFA configuration and to the principal's identity at that provider
 * (for Duo, the user id such as {@code DUYHV6TJBC3O4RITS1WC}, or the Duo user name). A principal
 * has one assignment or none.
 *
 * <p>Build one with the staged builder, where each step names its value, so the two strings cannot
 * be swapped unnoticed:
 *
 * <pre>{@code
 * MfaAssignment assignment = MfaAssignment.of(PrincipalId.parse("principal/internal/user/bob"))
 *         .configuration("MyDuoConfig")
 *         .providerUserId("DUYHV6TJBC3O4RITS1WC");
 * mfa.principals().assign(assignment);
 * }</pre>
 *
 * @param principal the principal; its kind must support MFA (user or application)
 * @param configurationName the name of the configuration to use
 * @param providerUserId the principal's identity at the provider: 1 to 256 characters, no control
 *     characters, no surrounding whitespace
 * @since 0.1.0
 */
public record MfaAssignment(PrincipalId principal, String configurationName, String providerUserId) {

    /** The longest provider user id accepted, in characters. */
    public static final int MAX_PROVIDER_USER_ID_LENGTH = 256;

    /**
     * @param principal the principal; its kind must support MFA (user or application)
     * @param configurationName the name of the configuration to use
     * @param providerUserId the principal's identity at the provider: 1 to 256 characters, no control
     *         characters, no surrounding whitespace
     * @throws NullPointerException if a component is null
     * @throws InvalidPrincipalException if the principal's kind does not support MFA
     * @throws InvalidInputException naming the field if the configuration name or provider user
     *     id breaks the rules
     */
    public MfaAssignment {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(configurationName, "configurationName");
        Objects.requireNonNull(providerUserId, "providerUserId");
        if (!principal.supportsMfa()) {
            throw new InvalidPrincipalException("kind", "principals of kind " + principal.kind().pathSegment()
                    + " do not support MFA; only user and application principals do");
        }
        String nameProblem = ConfigurationNames.problem("configurationName", configurationName);
        if (nameProblem != null) {
            throw new InvalidInputException("configurationName", nameProblem);
        }
        if (providerUserId.isBlank()) {
            throw new InvalidInputException("providerUserId", "must not be blank");
        }
        if (providerUserId.length() > MAX_PROVIDER_USER_ID_LENGTH) {
            throw new InvalidInputException("providerUserId", "is " + providerUserId.length() + " characters long; at most "
                    + MAX_PROVIDER_USER_ID_LENGTH + " are allowed");
        }
        if (providerUserId.strip().length() != providerUserId.length()) {
            throw new InvalidInputException("providerUserId", "must not start or end with whitespace");
        }
        if (providerUserId.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("providerUserId", "must not contain control characters");
        }
    }

    /**
     * Starts an assignment for a principal. Nothing is checked until the last step.
     *
     * @param principal the principal to assign
     * @return the step that takes the configuration name
     * @throws NullPointerException if {@code principal} is null
     */
    public static ConfigurationStep of(PrincipalId principal) {
        Objects.requireNonNull(principal, "principal");
        return configurationName -> {
            Objects.requireNonNull(configurationName, "configurationName");
            return providerUserId -> new MfaAssignment(principal, configurationName, providerUserId);
        };
    }

    /** The step of {@link #of(PrincipalId)} that names the configuration. */
    @FunctionalInterface
    public interface ConfigurationStep {
        /**
         * @param configurationName the name of the configuration the principal will use
         * @return the step that takes the principal's identity at the provider
         * @throws NullPointerException if {@code configurationName} is null
         */
        ProviderUserIdStep configuration(String configurationName);
    }

    /** The last step of {@link #of(PrincipalId)}: the principal's identity at the provider. */
    @FunctionalInterface
    public interface ProviderUserIdStep {
        /**
         * @param providerUserId the principal's identity at the provider, such as a Duo user id
         * @return the assignment
         * @throws NullPointerException if {@code providerUserId} is null
         * @throws InvalidPrincipalException if the principal's kind does not support MFA
         * @throws InvalidInputException naming the field if the configuration name or provider
         *     user id breaks the rules
         */
        MfaAssignment providerUserId(String providerUserId);
    }
}
