package dev.mfa4j.spring.boot.internal;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.ManagementOperation;
import dev.mfa4j.api.spi.ManagementAuthorizer;

/**
 * The authorizer when the application defines none: every management operation is denied, except
 * reads by the host itself ({@link Caller#system()}), which the health indicator needs. No
 * request from outside can act as the system caller: no name makes it.
 */
public final class DenyingAuthorizer implements ManagementAuthorizer {

    @Override
    public boolean isPermitted(Caller caller, String resourcePath, ManagementOperation operation) {
        return caller.isSystem() && operation == ManagementOperation.READ && !resourcePath.endsWith("/secrets");
    }

    @Override
    public String toString() {
        return "DenyingAuthorizer[system reads only]";
    }
}
