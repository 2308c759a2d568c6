package dev.mfa4j.api.spi;

import dev.mfa4j.api.ConfigurationInUseException;
import dev.mfa4j.api.ConfigurationNotFoundException;
import dev.mfa4j.api.DuplicateConfigurationException;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.RevisionConflictException;
import dev.mfa4j.api.StoreException;
import java.util.List;
import java.util.Optional;

/**
 * The host's storage for MFA configurations and principal assignments. mfa-core validates
 * everything before it reaches the store; the store keeps it exactly as given and enforces the
 * rules that need atomicity: unique names, revisions, and no assignment to a missing
 * configuration.
 *
 * <p>Rules for every method:
 * <ul>
 *   <li>Thread safety: called concurrently from any thread; implementations must be safe for
 *       that.</li>
 *   <li>Nulls: arguments are never null; implementations MUST NOT return null (use
 *       {@link Optional} and empty lists).</li>
 *   <li>Failures: a storage failure is a {@link StoreException} (an unchecked exception of the
 *       store's own is wrapped in one by mfa-core); nothing may be half-written.</li>
 *   <li>Round trip: values read back equal the values written, option order included.</li>
 * </ul>
 *
 * <p>mfa-core ships {@code InMemoryMfaConfigurationStore} and {@code FileMfaConfigurationStore};
 * the testkit's {@code MfaConfigurationStoreContract} checks an implementation against these rules.
 *
 * @since 0.1.0
 */
public interface MfaConfigurationStore {

    /**
     * Called on every verification (the hot path): keep it cheap.
     *
     * @param name a configuration name, matched exactly
     * @return the configuration, or empty
     */
    Optional<MfaConfiguration> findConfiguration(String name);

    /**
     * Called for management reads.
     *
     * @return every configuration, sorted by name in {@link String#compareTo} order
     */
    List<MfaConfiguration> listConfigurations();

    /**
     * Stores a new configuration at revision 1. Called once per create.
     *
     * @param configuration the configuration; its revision is ignored
     * @return the stored configuration, at revision 1
     * @throws DuplicateConfigurationException if a configuration of that name exists
     */
    MfaConfiguration createConfiguration(MfaConfiguration configuration);

    /**
     * Replaces a configuration if its stored revision is still {@code expectedRevision}, as one
     * atomic step. Called once per update.
     *
     * @param configuration the new content; its revision is ignored
     * @param expectedRevision the revision the update was based on
     * @return the stored configuration, at revision {@code expectedRevision + 1}
     * @throws ConfigurationNotFoundException if no configuration has that name
     * @throws RevisionConflictException if the stored revision is not {@code expectedRevision}
     */
    MfaConfiguration updateConfiguration(MfaConfiguration configuration, long expectedRevision);

    /**
     * Deletes a configuration, as one atomic step with the check for assignments. Called once per
     * delete.
     *
     * @param name the configuration to delete
     * @param removeAssignments whether to remove the assignments to it as well; if false and any
     *     exist, nothing is deleted
     * @return how many assignments were removed with it
     * @throws ConfigurationNotFoundException if no configuration has that name
     * @throws ConfigurationInUseException if assignments exist and {@code removeAssignments} is false
     */
    long deleteConfiguration(String name, boolean removeAssignments);

    /**
     * Called on every verification (the hot path): keep it cheap.
     *
     * @param principal the principal, matched by its canonical path
     * @return its assignment, or empty
     */
    Optional<MfaAssignment> findAssignment(PrincipalId principal);

    /**
     * Stores an assignment, replacing the principal's previous one if any, as one atomic step with
     * the check that the configuration exists.
     *
     * @param assignment the assignment
     * @return the previous assignment, or empty
     * @throws ConfigurationNotFoundException if the assignment's configuration does not exist
     */
    Optional<MfaAssignment> putAssignment(MfaAssignment assignment);

    /**
     * @param principal the principal whose assignment to remove
     * @return the removed assignment, or empty if there was none
     */
    Optional<MfaAssignment> removeAssignment(PrincipalId principal);

    /**
     * Called for management reads.
     *
     * @return every assignment, sorted by principal path in {@link String#compareTo} order
     */
    List<MfaAssignment> listAssignments();

    /**
     * @param configurationName a configuration name
     * @return how many principals are assigned to it
     */
    long countAssignments(String configurationName);
}
