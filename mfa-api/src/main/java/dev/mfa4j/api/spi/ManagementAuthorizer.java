package dev.mfa4j.api.spi;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.ManagementOperation;

/**
 * The host's permission check for management operations, asked before each one acts. The seed
 * product describes MFA management permissions as CRUD operations on resource paths; mfa4j uses
 * these paths:
 *
 * <ul>
 *   <li>{@code mfa/configurations}: READ to list;</li>
 *   <li>{@code mfa/configurations/<name>}: CREATE, READ, UPDATE, DELETE;</li>
 *   <li>{@code mfa/configurations/<name>/secrets}: READ to see secret option values;</li>
 *   <li>{@code mfa/principals/<principal path>}, such as
 *       {@code mfa/principals/principal/internal/user/bob}: CREATE or UPDATE to assign, READ,
 *       DELETE to remove.</li>
 * </ul>
 *
 * <p>Called on the thread of the management call; may be called concurrently. A thrown exception
 * counts as a refusal and reaches the caller.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ManagementAuthorizer {

    /**
     * @param caller who asks
     * @param resourcePath the resource, from the list above
     * @param operation what they ask to do
     * @return whether they may
     */
    boolean isPermitted(Caller caller, String resourcePath, ManagementOperation operation);

    /**
     * Permits everything. Meant for single-user embeddings and tests, where whoever can call the
     * library already controls it; a multi-user host should check its own permissions instead.
     *
     * @return an authorizer that permits every operation
     */
    static ManagementAuthorizer allowAll() {
        return (caller, resourcePath, operation) -> true;
    }
}
