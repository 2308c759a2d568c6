package dev.mfa4j.api.spi;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.ManagementOperation;

/**
 * The host's permission check for management operations, asked before each one reads or changes
 * anything. MFA management permissions are CRUD operations on resource paths; mfa4j uses these
 * paths:
 *
 * <ul>
 *   <li>{@code mfa/configurations}: READ to list;</li>
 *   <li>{@code mfa/configurations/<name>}: CREATE, READ, UPDATE, DELETE;</li>
 *   <li>{@code mfa/configurations/<name>/secrets}: READ to see secret option values;</li>
 *   <li>{@code mfa/principals/<principal path>}, such as
 *       {@code mfa/principals/principal/internal/user/bob}: UPDATE to assign (whether or not the
 *       principal had an assignment), READ, DELETE to remove;</li>
 *   <li>{@code mfa/principals/<principal path>/enrollment}: UPDATE to begin and confirm an
 *       enrollment, READ for its status, DELETE to remove it;</li>
 *   <li>{@code mfa/principals/<principal path>/recovery-codes}: UPDATE to generate a set, READ
 *       for how many are left, DELETE to remove them.</li>
 * </ul>
 *
 * <p>The operation asked never depends on what is stored, so a refusal tells the caller nothing
 * about the store. An update that changes an option deciding where secrets are sent (such as
 * Duo's {@code Host}) while keeping a stored secret also needs READ on the secrets path, or must
 * give the secret again.
 *
 * <p>The {@link Caller#system() system caller} is the host itself (management views obtained
 * without a caller); decide on {@link Caller#isSystem()}, never on a name: no named caller is the
 * system caller.
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
