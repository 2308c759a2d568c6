package dev.mfa4j.api;

/**
 * A principal path that cannot be parsed, or a principal whose kind does not support MFA.
 *
 * @see PrincipalId#parse(String)
 * @since 0.1.0
 */
public class InvalidPrincipalException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /**
     * @param field the part of the path at fault: {@code "principal"}, {@code "identityProvider"},
     *     {@code "kind"} or {@code "name"}
     * @param problem what is wrong and what was expected
     */
    public InvalidPrincipalException(String field, String problem) {
        super(field, problem);
    }
}
