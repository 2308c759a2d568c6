package dev.mfa4j.api;

/**
 * The operation a management call asks for, passed to the host's authorizer with the resource
 * path: MFA management permissions are CRUD operations on resource paths.
 *
 * @since 0.1.0
 */
public enum ManagementOperation {
    /** Create a configuration. */
    CREATE,
    /** Read a configuration, the list of them, an assignment, or (on a {@code .../secrets} path) secret values. */
    READ,
    /**
     * Change a configuration, or set a principal's assignment (whether or not it had one: the
     * operation asked never depends on what is stored, so a refusal tells nothing about it).
     */
    UPDATE,
    /** Delete a configuration, or remove a principal's assignment. */
    DELETE;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
