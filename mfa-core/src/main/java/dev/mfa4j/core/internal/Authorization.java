package dev.mfa4j.core.internal;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.ManagementAccessDeniedException;
import dev.mfa4j.api.ManagementOperation;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks the host's authorizer before a management operation acts, and refuses if it says no. */
public final class Authorization {

    private static final Logger LOG = LoggerFactory.getLogger(Authorization.class);

    private final ManagementAuthorizer authorizer;

    /** @param authorizer the host's check */
    public Authorization(ManagementAuthorizer authorizer) {
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    }

    /**
     * @param caller who asks
     * @param resourcePath the resource
     * @param operation the operation
     * @throws ManagementAccessDeniedException if the authorizer refuses
     */
    public void require(Caller caller, String resourcePath, ManagementOperation operation) {
        if (!authorizer.isPermitted(caller, resourcePath, operation)) {
            LOG.info("MFA-CORE-020 management access denied: {} may not {} {}", caller, operation, resourcePath);
            throw new ManagementAccessDeniedException(caller, resourcePath, operation);
        }
    }

    /**
     * @param caller who asks
     * @param resourcePath the resource
     * @param operation the operation
     * @return whether the authorizer permits it
     */
    public boolean permits(Caller caller, String resourcePath, ManagementOperation operation) {
        return authorizer.isPermitted(caller, resourcePath, operation);
    }
}
