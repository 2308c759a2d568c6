package dev.mfa4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.ConfigurationInUseException;
import dev.mfa4j.api.ConfigurationNotFoundException;
import dev.mfa4j.api.DuplicateConfigurationException;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.RevisionConflictException;
import dev.mfa4j.api.spi.MfaConfigurationStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link MfaConfigurationStore} must meet. Extend it in your store's tests and
 * return a new, empty store from {@link #newStore()}:
 *
 * <pre>{@code
 * class JdbcStoreTest extends MfaConfigurationStoreContract {
 *     @Override
 *     protected MfaConfigurationStore newStore() {
 *         return new JdbcMfaConfigurationStore(freshDataSource());
 *     }
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public abstract class MfaConfigurationStoreContract {

    /** For subclasses. */
    protected MfaConfigurationStoreContract() {
    }

    /** A principal used by the contract. */
    protected static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");
    /** Another principal used by the contract. */
    protected static final PrincipalId ALICE = PrincipalId.parse("principal/internal/user/alice");

    private MfaConfigurationStore store;

    /**
     * @return a new, empty store; called before each test
     */
    protected abstract MfaConfigurationStore newStore();

    /** Creates the store under test. */
    @BeforeEach
    void createStore() {
        store = newStore();
    }

    /**
     * @param name a name
     * @return a configuration with options in a deliberate, non-alphabetical order
     */
    protected static MfaConfiguration configuration(String name) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("Host", "api-3945ef22.duosecurity.com");
        options.put("IntegrationKey", "DIWJ8X6AEYOR5OMC6TQ1");
        options.put("SecretKey", "Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep");
        return MfaConfiguration.of(name, "duo", options);
    }

    @Test
    void createStoresAtRevisionOneAndReadsBackEqualWithOptionOrder() {
        MfaConfiguration stored = store.createConfiguration(configuration("Main").withRevision(42));

        assertThat(stored).isEqualTo(configuration("Main").withRevision(1));
        MfaConfiguration read = store.findConfiguration("Main").orElseThrow();
        assertThat(read).isEqualTo(stored);
        assertThat(read.options().keySet()).containsExactly("Host", "IntegrationKey", "SecretKey");
    }

    @Test
    void aDuplicateNameIsRefusedAndTheFirstKept() {
        store.createConfiguration(configuration("Main"));

        assertThatThrownBy(() -> store.createConfiguration(configuration("Main").withOptions(Map.of())))
                .isInstanceOf(DuplicateConfigurationException.class);
        assertThat(store.findConfiguration("Main").orElseThrow().options()).hasSize(3);
    }

    @Test
    void namesAreMatchedExactly() {
        store.createConfiguration(configuration("Main"));

        assertThat(store.findConfiguration("main")).isEmpty();
        assertThat(store.findConfiguration("Missing")).isEmpty();
    }

    @Test
    void listIsSortedByName() {
        for (String name : List.of("b", "C", "a", "Secrets Safe Duo")) {
            store.createConfiguration(configuration(name));
        }

        assertThat(store.listConfigurations()).extracting(MfaConfiguration::name).containsExactly("C", "Secrets Safe Duo", "a", "b");
    }

    @Test
    void updateWithTheCurrentRevisionMovesToTheNext() {
        store.createConfiguration(configuration("Main"));

        MfaConfiguration updated = store.updateConfiguration(configuration("Main").withOptions(Map.of("Host", "h")), 1);

        assertThat(updated.revision()).isEqualTo(2);
        assertThat(store.findConfiguration("Main")).contains(updated);
    }

    @Test
    void updateWithAStaleRevisionIsRefusedAndChangesNothing() {
        store.createConfiguration(configuration("Main"));
        store.updateConfiguration(configuration("Main").withOptions(Map.of("Host", "second")), 1);

        assertThatThrownBy(() -> store.updateConfiguration(configuration("Main").withOptions(Map.of("Host", "lost")), 1))
                .isInstanceOf(RevisionConflictException.class)
                .satisfies(e -> assertThat(((RevisionConflictException) e).actualRevision()).isEqualTo(2));
        assertThat(store.findConfiguration("Main").orElseThrow().option("Host")).contains("second");
    }

    @Test
    void updateOfAMissingConfigurationIsRefused() {
        assertThatThrownBy(() -> store.updateConfiguration(configuration("Missing"), 1)).isInstanceOf(ConfigurationNotFoundException.class);
        assertThat(store.listConfigurations()).isEmpty();
    }

    @Test
    void deleteRemovesTheConfiguration() {
        store.createConfiguration(configuration("Main"));

        assertThat(store.deleteConfiguration("Main", false)).isZero();

        assertThat(store.findConfiguration("Main")).isEmpty();
        assertThatThrownBy(() -> store.deleteConfiguration("Main", false)).isInstanceOf(ConfigurationNotFoundException.class);
    }

    @Test
    void deleteOfAConfigurationInUseIsRefusedWithTheCountAndChangesNothing() {
        store.createConfiguration(configuration("Main"));
        store.putAssignment(new MfaAssignment(BOB, "Main", "bob"));
        store.putAssignment(new MfaAssignment(ALICE, "Main", "alice"));

        assertThatThrownBy(() -> store.deleteConfiguration("Main", false))
                .isInstanceOf(ConfigurationInUseException.class)
                .satisfies(e -> assertThat(((ConfigurationInUseException) e).assignmentCount()).isEqualTo(2));
        assertThat(store.findConfiguration("Main")).isPresent();
        assertThat(store.listAssignments()).hasSize(2);
    }

    @Test
    void deleteWithItsAssignmentsRemovesBoth() {
        store.createConfiguration(configuration("Main"));
        store.createConfiguration(configuration("Other"));
        store.putAssignment(new MfaAssignment(BOB, "Main", "bob"));
        store.putAssignment(new MfaAssignment(ALICE, "Other", "alice"));

        assertThat(store.deleteConfiguration("Main", true)).isEqualTo(1);

        assertThat(store.findAssignment(BOB)).isEmpty();
        assertThat(store.findAssignment(ALICE)).isPresent();
        assertThat(store.countAssignments("Main")).isZero();
    }

    @Test
    void anAssignmentToAMissingConfigurationIsRefused() {
        assertThatThrownBy(() -> store.putAssignment(new MfaAssignment(BOB, "Missing", "bob")))
                .isInstanceOf(ConfigurationNotFoundException.class);
        assertThat(store.findAssignment(BOB)).isEmpty();
    }

    @Test
    void assignReadsBackAndReassignReplacesReturningThePrevious() {
        store.createConfiguration(configuration("Main"));
        store.createConfiguration(configuration("Other"));

        assertThat(store.putAssignment(new MfaAssignment(BOB, "Main", "bob-1"))).isEmpty();
        assertThat(store.putAssignment(new MfaAssignment(BOB, "Other", "bob-2"))).contains(new MfaAssignment(BOB, "Main", "bob-1"));

        assertThat(store.findAssignment(BOB)).contains(new MfaAssignment(BOB, "Other", "bob-2"));
        assertThat(store.listAssignments()).hasSize(1);
        assertThat(store.countAssignments("Main")).isZero();
        assertThat(store.countAssignments("Other")).isEqualTo(1);
    }

    @Test
    void principalsAreMatchedByTheirCanonicalPath() {
        store.createConfiguration(configuration("Main"));
        store.putAssignment(new MfaAssignment(BOB, "Main", "bob"));

        // PrincipalId's one rule: every segment, the name included, without regard to case.
        assertThat(store.findAssignment(PrincipalId.parse("Principal/INTERNAL/User/bob"))).isPresent();
        assertThat(store.findAssignment(PrincipalId.parse("principal/internal/user/BOB"))).isPresent();
        assertThat(store.findAssignment(PrincipalId.parse("principal/internal/application/bob"))).isEmpty();
        assertThat(store.findAssignment(PrincipalId.parse("principal/other/user/bob"))).isEmpty();
    }

    @Test
    void removeReturnsTheRemovedAssignmentOnce() {
        store.createConfiguration(configuration("Main"));
        store.putAssignment(new MfaAssignment(BOB, "Main", "bob"));

        assertThat(store.removeAssignment(BOB)).contains(new MfaAssignment(BOB, "Main", "bob"));
        assertThat(store.removeAssignment(BOB)).isEmpty();
        assertThat(store.findAssignment(BOB)).isEmpty();
    }

    @Test
    void assignmentsAreListedByPrincipalPath() {
        store.createConfiguration(configuration("Main"));
        store.putAssignment(new MfaAssignment(BOB, "Main", "bob"));
        store.putAssignment(new MfaAssignment(ALICE, "Main", "alice"));

        assertThat(store.listAssignments()).extracting(a -> a.principal().name()).containsExactly("alice", "bob");
    }

    @Test
    void anEmptyStoreAnswersEmptyNeverNull() {
        assertThat(store.listConfigurations()).isNotNull().isEmpty();
        assertThat(store.listAssignments()).isNotNull().isEmpty();
        assertThat(store.findConfiguration("x")).isNotNull().isEmpty();
        assertThat(store.findAssignment(BOB)).isNotNull().isEmpty();
        assertThat(store.countAssignments("x")).isZero();
    }

    @Test
    void concurrentConditionalUpdatesLoseNothing() throws Exception {
        store.createConfiguration(configuration("Main"));
        int threads = 4;
        int updatesEach = 25;
        Concurrently.run(threads, threads, thread -> {
            for (int done = 0; done < updatesEach; ) {
                MfaConfiguration current = store.findConfiguration("Main").orElseThrow();
                try {
                    store.updateConfiguration(current.withOptions(Map.of("Host", "t" + thread + "-" + done)), current.revision());
                    done++;
                } catch (RevisionConflictException e) {
                    // Someone else's update got in first: read again and retry, as a host would.
                }
            }
        });

        assertThat(store.findConfiguration("Main").orElseThrow().revision()).isEqualTo(1L + threads * updatesEach);
    }

    @Test
    void concurrentCreatesOfOneNameLetExactlyOneWin() throws Exception {
        int threads = 4;
        AtomicInteger wins = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        Concurrently.run(threads, threads, thread -> {
            try {
                store.createConfiguration(configuration("Main"));
                wins.incrementAndGet();
            } catch (DuplicateConfigurationException e) {
                duplicates.incrementAndGet();
            }
        });

        assertThat(wins).hasValue(1);
        assertThat(duplicates).hasValue(threads - 1);
    }
}
