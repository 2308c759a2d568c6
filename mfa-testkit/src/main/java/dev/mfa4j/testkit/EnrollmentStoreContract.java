package dev.mfa4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.RevisionConflictException;
import dev.mfa4j.api.spi.EnrollmentData;
import dev.mfa4j.api.spi.EnrollmentStore;
import dev.mfa4j.api.spi.StoredEnrollment;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link EnrollmentStore} must meet. Extend it in your store's tests and
 * return a new, empty store from {@link #newStore()}:
 *
 * <pre>{@code
 * class MyEnrollmentStoreTest extends EnrollmentStoreContract {
 *     @Override
 *     protected EnrollmentStore newStore() {
 *         return new MyEnrollmentStore(freshDatabase());
 *     }
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public abstract class EnrollmentStoreContract {

    /** For subclasses. */
    protected EnrollmentStoreContract() {
    }

    /** A principal used by the contract. */
    protected static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");
    /** Another principal used by the contract. */
    protected static final PrincipalId ALICE = PrincipalId.parse("principal/internal/user/alice");
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private EnrollmentStore store;

    /**
     * @return a new, empty store; called before each test
     */
    protected abstract EnrollmentStore newStore();

    /** Creates the store under test. */
    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static StoredEnrollment enrollment(PrincipalId principal, String slot, Map<String, String> values, Set<String> secrets) {
        return new StoredEnrollment(principal, slot, new EnrollmentData(values, secrets), 0, T0);
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return values;
    }

    @Test
    void whatIsPutIsFoundExactlyAsGivenAtRevisionOne() {
        StoredEnrollment given = enrollment(BOB, "provider/Authenticator",
                ordered("Secret", "mfa4j-sealed:v1:k1:AAAA", "Zeta", "last", "Alpha", "first", "Empty", ""), Set.of("Secret"));

        StoredEnrollment stored = store.put(given, 0);

        assertThat(stored).isEqualTo(given.withRevision(1));
        StoredEnrollment found = store.find(BOB, "provider/Authenticator").orElseThrow();
        assertThat(found).isEqualTo(stored);
        assertThat(found.data().values()).containsExactly(Map.entry("Secret", "mfa4j-sealed:v1:k1:AAAA"), Map.entry("Zeta", "last"),
                Map.entry("Alpha", "first"), Map.entry("Empty", ""));
        assertThat(found.data().secrets()).containsExactly("Secret");
        assertThat(found.updated()).isEqualTo(T0);
    }

    @Test
    void slotsAndPrincipalsAreKeptApart() {
        store.put(enrollment(BOB, "provider/A", Map.of("V", "bob-a"), Set.of()), 0);
        store.put(enrollment(BOB, "recovery-codes", Map.of("V", "bob-r"), Set.of()), 0);
        store.put(enrollment(ALICE, "provider/A", Map.of("V", "alice-a"), Set.of()), 0);

        assertThat(store.find(BOB, "provider/A").orElseThrow().data().value("V")).isEqualTo("bob-a");
        assertThat(store.find(ALICE, "provider/A").orElseThrow().data().value("V")).isEqualTo("alice-a");
        assertThat(store.find(ALICE, "recovery-codes")).isEmpty();
        assertThat(store.find(BOB, "provider/B")).isEmpty();
        assertThat(store.find(PrincipalId.parse("principal/internal/application/bob"), "provider/A")).isEmpty();
    }

    @Test
    void listIsSortedBySlot() {
        store.put(enrollment(BOB, "recovery-codes", Map.of(), Set.of()), 0);
        store.put(enrollment(BOB, "provider/Z", Map.of(), Set.of()), 0);
        store.put(enrollment(BOB, "pending/Z", Map.of(), Set.of()), 0);
        store.put(enrollment(ALICE, "provider/Z", Map.of(), Set.of()), 0);

        assertThat(store.list(BOB)).extracting(StoredEnrollment::slot).containsExactly("pending/Z", "provider/Z", "recovery-codes");
        assertThat(store.list(PrincipalId.parse("principal/internal/user/carol"))).isEmpty();
    }

    @Test
    void everyWriteIsConditionalOnTheRevisionItReplaces() {
        StoredEnrollment first = store.put(enrollment(BOB, "recovery-codes", Map.of("C_1", "h1"), Set.of("C_1")), 0);

        assertThatThrownBy(() -> store.put(enrollment(BOB, "recovery-codes", Map.of("C_2", "h2"), Set.of()), 0))
                .as("a slot that is not empty").isInstanceOf(RevisionConflictException.class);
        StoredEnrollment second = store.put(enrollment(BOB, "recovery-codes", Map.of("C_2", "h2"), Set.of()), first.revision());
        assertThat(second.revision()).isEqualTo(2);
        assertThatThrownBy(() -> store.put(enrollment(BOB, "recovery-codes", Map.of(), Set.of()), first.revision()))
                .as("a stale revision").isInstanceOf(RevisionConflictException.class);
        assertThatThrownBy(() -> store.put(enrollment(ALICE, "recovery-codes", Map.of(), Set.of()), 3))
                .as("an empty slot is revision 0").isInstanceOf(RevisionConflictException.class);
        assertThat(store.find(BOB, "recovery-codes").orElseThrow()).isEqualTo(second);
    }

    @Test
    void removalIsConditionalToo() {
        StoredEnrollment stored = store.put(enrollment(BOB, "pending/A", Map.of(), Set.of()), 0);

        assertThat(store.remove(BOB, "pending/A", stored.revision() + 1)).isFalse();
        assertThat(store.find(BOB, "pending/A")).isPresent();
        assertThat(store.remove(BOB, "pending/A", stored.revision())).isTrue();
        assertThat(store.remove(BOB, "pending/A", stored.revision())).isFalse();
        assertThat(store.find(BOB, "pending/A")).isEmpty();
        assertThat(store.put(enrollment(BOB, "pending/A", Map.of(), Set.of()), 0).revision()).as("a fresh start").isEqualTo(1);
    }

    @Test
    void removeAllEmptiesOnePrincipalOnly() {
        store.put(enrollment(BOB, "provider/A", Map.of(), Set.of()), 0);
        store.put(enrollment(BOB, "recovery-codes", Map.of(), Set.of()), 0);
        store.put(enrollment(ALICE, "provider/A", Map.of(), Set.of()), 0);

        assertThat(store.removeAll(BOB)).isEqualTo(2);
        assertThat(store.list(BOB)).isEmpty();
        assertThat(store.list(ALICE)).hasSize(1);
        assertThat(store.removeAll(BOB)).isZero();
    }

    @Test
    void ofConcurrentWritersBasedOnOneRevisionExactlyOneWins() throws Exception {
        StoredEnrollment base = store.put(enrollment(BOB, "recovery-codes", Map.of("C_1", "h1", "C_2", "h2"), Set.of()), 0);
        AtomicInteger wins = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();

        Concurrently.run(16, 16, thread -> {
            try {
                store.put(enrollment(BOB, "recovery-codes", Map.of("C_2", "h2", "By", "thread-" + thread), Set.of()), base.revision());
                wins.incrementAndGet();
            } catch (RevisionConflictException e) {
                conflicts.incrementAndGet();
            }
        });

        assertThat(wins).as("one recovery code used on several nodes at once is used once").hasValue(1);
        assertThat(conflicts).hasValue(15);
        assertThat(store.find(BOB, "recovery-codes").orElseThrow().revision()).isEqualTo(2);
    }

    @Test
    void ofConcurrentFirstWritersExactlyOneWins() throws Exception {
        AtomicInteger wins = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();

        Concurrently.run(16, 16, thread -> {
            try {
                store.put(enrollment(BOB, "pending/corp-totp", Map.of("By", "thread-" + thread), Set.of()), 0);
                wins.incrementAndGet();
            } catch (RevisionConflictException e) {
                assertThat(e.actualRevision()).as("the revision that stood in the way").isEqualTo(1);
                conflicts.incrementAndGet();
            }
        });

        assertThat(wins).as("two nodes enrolling one principal at once do not both start").hasValue(1);
        assertThat(conflicts).hasValue(15);
        assertThat(store.find(BOB, "pending/corp-totp").orElseThrow().revision()).isEqualTo(1);
    }

    @Test
    void manyValuesAndLongOnesRoundTrip() {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < EnrollmentData.MAX_VALUES; i++) {
            values.put("V" + i, i == 0 ? "x".repeat(EnrollmentData.MAX_VALUE_LENGTH) : "value " + i + " \u00e9\u4e2d");
        }
        store.put(enrollment(BOB, "provider/" + "n".repeat(StoredEnrollment.MAX_SLOT_LENGTH - 9), values, Set.of("V0")), 0);

        assertThat(store.list(BOB)).singleElement().satisfies(found -> assertThat(found.data().values()).containsExactlyEntriesOf(values));
    }
}
