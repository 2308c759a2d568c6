package dev.mfa4j.examples.cli;

import dev.mfa4j.api.InvalidPrincipalException;
import dev.mfa4j.api.PrincipalId;

/**
 * Reads a principal from the command line: a path such as {@code principal/internal/user/bob}, or
 * a bare user name such as {@code bob}, which means {@code principal/internal/user/bob}.
 */
final class PrincipalArgument {

    /** The identity provider of a bare user name, as in {@code mfa login -u bob}. */
    static final String DEFAULT_IDENTITY_PROVIDER = "internal";

    private PrincipalArgument() {
    }

    /**
     * @param flag the flag it came with, for the message, such as {@code -p}
     * @param value what was typed
     * @return the principal, a user or an application
     * @throws BadInputException naming the flag, the value and what is wrong with it, also for a
     *     kind of principal that cannot have MFA (a group)
     */
    static PrincipalId parse(String flag, String value) {
        PrincipalId principal;
        try {
            principal = value.indexOf('/') >= 0 ? PrincipalId.parse(value) : PrincipalId.user(DEFAULT_IDENTITY_PROVIDER, value);
        } catch (InvalidPrincipalException e) {
            throw new BadInputException(flag + " " + Printable.of(value) + ": " + e.getMessage(), e);
        }
        if (!principal.supportsMfa()) {
            throw new BadInputException(flag + " " + Printable.of(value) + ": kind: " + principal.kind().pathSegment()
                    + " principals cannot have MFA; only user and application principals can");
        }
        return principal;
    }
}
