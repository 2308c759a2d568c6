package dev.mfa4j.api;

import java.util.Objects;

/**
 * An update was based on a revision of a configuration that is no longer the current one:
 * someone else changed it in between. Nothing was written; read the configuration again and
 * re-apply the change.
 *
 * @since 0.1.0
 */
public class RevisionConflictException extends MfaException {

    private static final long serialVersionUID = 1L;

    /** The configuration that changed meanwhile. */
    private final String configurationName;
    /** The revision the update was based on. */
    private final long expectedRevision;
    /** The revision in the store. */
    private final long actualRevision;

    /**
     * @param configurationName the configuration being updated
     * @param expectedRevision the revision the update was based on
     * @param actualRevision the revision currently stored
     */
    public RevisionConflictException(String configurationName, long expectedRevision, long actualRevision) {
        this("MFA configuration", configurationName, expectedRevision, actualRevision);
    }

    /**
     * For other state kept with revisions, such as a principal's enrollment.
     *
     * @param what what was updated, such as {@code "MFA enrollment of principal/internal/user/bob in"}
     * @param name its name (for an enrollment, the slot)
     * @param expectedRevision the revision the update was based on
     * @param actualRevision the revision currently stored (0 for none)
     */
    public RevisionConflictException(String what, String name, long expectedRevision, long actualRevision) {
        super(Objects.requireNonNull(what, "what") + " '" + Objects.requireNonNull(name, "name")
                + "' was changed concurrently: the update expected revision " + expectedRevision
                + " but the stored revision is " + actualRevision + "; read it again and retry");
        this.configurationName = name;
        this.expectedRevision = expectedRevision;
        this.actualRevision = actualRevision;
    }

    /** @return the configuration being updated; for other state, its name (an enrollment's slot) */
    public String configurationName() {
        return configurationName;
    }

    /** @return the revision the update was based on */
    public long expectedRevision() {
        return expectedRevision;
    }

    /** @return the revision currently stored */
    public long actualRevision() {
        return actualRevision;
    }
}
