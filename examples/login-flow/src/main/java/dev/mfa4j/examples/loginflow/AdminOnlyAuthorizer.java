package dev.mfa4j.examples.loginflow;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.ManagementOperation;
import dev.mfa4j.api.spi.ManagementAuthorizer;

/**
 * Who may manage MFA in this host: the {@code admin} account only, for every configuration and
 * assignment. A real host would look the caller's roles up; mfa4j only asks the question, with
 * the resource path and the operation.
 */
public final class AdminOnlyAuthorizer implements ManagementAuthorizer {

    /** The caller allowed to manage MFA. */
    public static final Caller ADMIN = Caller.of("admin");

    @Override
    public boolean isPermitted(Caller caller, String resourcePath, ManagementOperation operation) {
        return ADMIN.equals(caller);
    }
}
