package dev.mfa4j.api;

import java.util.Objects;

/**
 * The host's management authorizer refused a management operation. Nothing was read or changed.
 *
 * @since 0.1.0
 */
public class ManagementAccessDeniedException extends MfaException {

    private static final long serialVersionUID = 1L;

    /** Who asked. */
    private final Caller caller;
    /** What they asked about. */
    private final String resourcePath;
    /** What they asked to do. */
    private final ManagementOperation operation;

    /**
     * @param caller who asked
     * @param resourcePath the resource, such as {@code mfa/configurations/MyDuoConfig}
     * @param operation what they asked to do
     */
    public ManagementAccessDeniedException(Caller caller, String resourcePath, ManagementOperation operation) {
        super(Objects.requireNonNull(caller, "caller").name() + " may not " + Objects.requireNonNull(operation, "operation")
                + " " + Objects.requireNonNull(resourcePath, "resourcePath"));
        this.caller = caller;
        this.resourcePath = resourcePath;
        this.operation = operation;
    }

    /** @return who asked */
    public Caller caller() {
        return caller;
    }

    /** @return the resource path that was refused */
    public String resourcePath() {
        return resourcePath;
    }

    /** @return the operation that was refused */
    public ManagementOperation operation() {
        return operation;
    }
}
