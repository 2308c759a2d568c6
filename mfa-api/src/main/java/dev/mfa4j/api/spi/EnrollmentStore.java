package dev.mfa4j.api.spi;

import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.RevisionConflictException;
import dev.mfa4j.api.StoreException;
import java.util.List;
import java.util.Optional;

/**
 * The host's storage for what is kept per principal: a provider's enrollment data (a TOTP
 * secret), an enrollment not yet confirmed, and the principal's recovery codes (as hashes). mfa-core
 * decides what goes in; the store keeps it exactly as given, in slots named by mfa-core, and
 * makes each write conditional on the revision it replaces, so that two nodes never overwrite
 * each other's change (a recovery code used on two nodes at once is used once).
 *
 * <p>Rules for every method, as for {@link MfaConfigurationStore}: called concurrently from any
 * thread; arguments never null, results never null; a storage failure is a {@link StoreException};
 * values read back equal the values written, order included. The testkit's
 * {@code EnrollmentStoreContract} checks an implementation.
 *
 * @since 0.1.0
 */
public interface EnrollmentStore {

    /**
     * Called on the verification of a principal whose provider enrolls (the hot path): keep it cheap.
     *
     * @param principal the principal, matched by its canonical path
     * @param slot the slot
     * @return what is stored there, or empty
     */
    Optional<StoredEnrollment> find(PrincipalId principal, String slot);

    /**
     * @param principal the principal
     * @return everything stored for it, sorted by slot in {@link String#compareTo} order
     */
    List<StoredEnrollment> list(PrincipalId principal);

    /**
     * Stores an enrollment if the slot's stored revision is still {@code expectedRevision}, as one
     * atomic step: 0 means the slot must be empty.
     *
     * @param enrollment what to store; its revision is ignored
     * @param expectedRevision the revision it replaces, or 0 for none
     * @return what was stored, at revision {@code expectedRevision + 1}
     * @throws RevisionConflictException if the slot's revision is not {@code expectedRevision}
     *     (for an empty slot, 0); nothing was written
     */
    StoredEnrollment put(StoredEnrollment enrollment, long expectedRevision);

    /**
     * Empties a slot if its stored revision is still {@code expectedRevision}, as one atomic step.
     *
     * @param principal the principal
     * @param slot the slot
     * @param expectedRevision the revision to remove
     * @return whether it was removed; false if the slot was empty or held another revision
     */
    boolean remove(PrincipalId principal, String slot, long expectedRevision);

    /**
     * Empties every slot of a principal, as when its MFA is removed for good.
     *
     * @param principal the principal
     * @return how many slots were emptied
     */
    int removeAll(PrincipalId principal);
}
