package dev.mfa4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.DuplicateConfigurationException;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.RevisionConflictException;
import dev.mfa4j.api.StoreException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The opt-in lookup cache of {@link JdbcMfaConfigurationStore}: what it saves (the assignment read
 * and the configuration read with it), what it costs (one check of the count of changes per
 * interval) and how stale it may be, in each direction. Time moves only when a test advances the
 * ticker.
 */
abstract class LookupCacheTest {

    private static final Duration MAX_AGE = Duration.ofSeconds(5);
    private static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");
    private static final PrincipalId ALICE = PrincipalId.parse("principal/internal/user/alice");
    private static final PrincipalId CAROL = PrincipalId.parse("principal/internal/user/carol");

    private TestDatabase database;
    private String prefix;
    private final AtomicLong nanos = new AtomicLong();
    private SwitchableDataSource switchable;
    private CountingDataSource counted;
    /** The store under test, with the cache on. */
    private JdbcMfaConfigurationStore store;
    /** Another node on the same tables, without a cache. */
    private JdbcMfaConfigurationStore other;

    abstract TestDatabase database();

    @BeforeEach
    void open() {
        database = database();
        prefix = TestDatabase.freshPrefix();
        switchable = new SwitchableDataSource(database.newDataSource());
        counted = new CountingDataSource(switchable);
        other = JdbcMfaConfigurationStore.builder(database.newDataSource()).tablePrefix(prefix).build();
        other.createConfiguration(MfaConfiguration.of("Main", "fake", Map.of("Passcode", "1111")));
        other.createConfiguration(MfaConfiguration.of("Spare", "fake", Map.of("Passcode", "9999")));
        other.putAssignment(new MfaAssignment(BOB, "Main", "bob@fake"));
        store = cached(b -> b);
        counted.reset();
    }

    @AfterEach
    void close() {
        // null when open() skipped the test (no PostgreSQL): a skip, not an error.
        if (database != null) {
            switchable.comeBack();
            database.cleanUp(prefix);
        }
    }

    private JdbcMfaConfigurationStore cached(UnaryOperator<JdbcMfaConfigurationStore.Builder> options) {
        return options.apply(JdbcMfaConfigurationStore.builder(counted).tablePrefix(prefix).ticker(nanos::get).lookupCache(MAX_AGE))
                .build();
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    /** @return the statements since the last reset that read assignments, configurations or wrote */
    private List<String> reads() {
        return counted.executed().stream().filter(sql -> !sql.contains("change_count")).toList();
    }

    /** @return the checks of the count of changes since the last reset */
    private List<String> checks() {
        return counted.executed().stream().filter(sql -> sql.startsWith("SELECT changes FROM " + prefix + "change_count")).toList();
    }

    /** @return the count of changes in the database */
    private long changes() {
        try (Connection connection = database.newDataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT changes FROM " + prefix + "change_count")) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A verification's two reads, as mfa-core makes them. */
    private MfaConfiguration lookUp(JdbcMfaConfigurationStore on, PrincipalId principal) {
        MfaAssignment assignment = on.findAssignment(principal).orElseThrow();
        return on.findConfiguration(assignment.configurationName()).orElseThrow();
    }

    @Test
    void theSecondLookupOfAPrincipalMakesNoStatement() {
        MfaConfiguration first = lookUp(store, BOB);
        assertThat(reads()).hasSize(1);
        assertThat(checks()).as("the first lookup checks the count of changes first").hasSize(1);
        assertThat(counted.executed()).hasSize(2);

        counted.reset();
        assertThat(store.findAssignment(BOB)).contains(new MfaAssignment(BOB, "Main", "bob@fake"));
        MfaConfiguration second = store.findConfiguration("Main").orElseThrow();

        assertThat(counted.executed()).as("the assignment and its configuration, both from the cache").isEmpty();
        assertThat(second).isEqualTo(first).isEqualTo(other.findConfiguration("Main").orElseThrow());
        assertThat(second.options()).containsExactly(Map.entry("Passcode", "1111"));
    }

    @Test
    void theCacheIsOffUnlessAsked() {
        JdbcMfaConfigurationStore plain = JdbcMfaConfigurationStore.builder(counted).tablePrefix(prefix).ticker(nanos::get).build();
        JdbcMfaConfigurationStore zero = JdbcMfaConfigurationStore.builder(counted).tablePrefix(prefix).ticker(nanos::get)
                .lookupCache(Duration.ZERO).build();
        counted.reset();

        lookUp(plain, BOB);
        lookUp(plain, BOB);
        lookUp(zero, BOB);
        lookUp(zero, BOB);

        assertThat(counted.executed()).hasSize(4);
    }

    @Test
    void aConfigurationChangedOnAnotherNodeIsSeenAtTheMaximumAgeAndNotBefore() {
        lookUp(store, BOB);
        other.updateConfiguration(MfaConfiguration.of("Main", "fake", Map.of("Passcode", "2222")), 1);

        advance(MAX_AGE.minusNanos(1));
        assertThat(lookUp(store, BOB).option("Passcode")).as("the old one, until the maximum age").contains("1111");
        advance(Duration.ofNanos(1));
        MfaConfiguration seen = lookUp(store, BOB);

        assertThat(seen.option("Passcode")).contains("2222");
        assertThat(seen.revision()).isEqualTo(2);
        assertThat(reads()).hasSize(2);
        assertThat(checks()).hasSize(2);
    }

    @Test
    void anAssignmentRemovedOnAnotherNodeStillAsksForMfaUntilTheMaximumAge() {
        lookUp(store, BOB);
        other.removeAssignment(BOB);

        advance(MAX_AGE.minusNanos(1));
        assertThat(store.findAssignment(BOB)).as("fails safe: MFA is still asked").isPresent();
        advance(Duration.ofNanos(1));

        assertThat(store.findAssignment(BOB)).isEmpty();
    }

    @Test
    void anAssignmentMovedOnAnotherNodeIsSeenAtTheMaximumAge() {
        lookUp(store, BOB);
        other.putAssignment(new MfaAssignment(BOB, "Spare", "bob@spare"));

        assertThat(store.findAssignment(BOB).orElseThrow().configurationName()).isEqualTo("Main");
        advance(MAX_AGE);

        assertThat(store.findAssignment(BOB)).contains(new MfaAssignment(BOB, "Spare", "bob@spare"));
        assertThat(store.findConfiguration("Spare").orElseThrow().option("Passcode")).contains("9999");
    }

    @Test
    void aPrincipalLookedUpLongAgoCostsNoReadWhileNothingChanged() {
        lookUp(store, BOB);
        advance(MAX_AGE.multipliedBy(100));
        counted.reset();

        assertThat(lookUp(store, BOB).option("Passcode")).contains("1111");
        assertThat(lookUp(store, BOB).option("Passcode")).contains("1111");

        assertThat(reads()).isEmpty();
        assertThat(checks()).as("one check of the count, then nothing").hasSize(1);
    }

    @Test
    void aNodeChecksAtMostOncePerIntervalHoweverManyPrincipalsItServes() {
        other.putAssignment(new MfaAssignment(ALICE, "Main", "alice@fake"));
        other.putAssignment(new MfaAssignment(CAROL, "Spare", "carol@spare"));
        for (PrincipalId principal : List.of(BOB, ALICE, CAROL)) {
            lookUp(store, principal);
        }
        counted.reset();

        for (int interval = 0; interval < 3; interval++) {
            advance(MAX_AGE);
            for (PrincipalId principal : List.of(BOB, ALICE, CAROL, BOB, ALICE, CAROL)) {
                lookUp(store, principal);
            }
        }

        assertThat(checks()).hasSize(3);
        assertThat(reads()).isEmpty();
    }

    @Test
    void everyWriteThroughAStoreAddsOneToTheCountOfChangesAndNothingElseDoes() {
        long before = changes();
        other.createConfiguration(MfaConfiguration.of("Third", "fake", Map.of("Passcode", "3333")));
        other.updateConfiguration(MfaConfiguration.of("Third", "fake", Map.of("Passcode", "4444")), 1);
        other.putAssignment(new MfaAssignment(ALICE, "Third", "alice@fake"));
        other.putAssignment(new MfaAssignment(ALICE, "Main", "alice@main"));
        other.removeAssignment(ALICE);
        store.deleteConfiguration("Third", false);
        assertThat(changes() - before).as("six writes").isEqualTo(6);

        assertThat(other.putAssignment(new MfaAssignment(BOB, "Main", "bob@fake"))).as("the same again")
                .contains(new MfaAssignment(BOB, "Main", "bob@fake"));

        assertThat(other.removeAssignment(CAROL)).as("nothing to remove").isEmpty();
        assertThatThrownBy(() -> other.createConfiguration(MfaConfiguration.of("Main", "fake", Map.of())))
                .isInstanceOf(DuplicateConfigurationException.class);
        assertThatThrownBy(() -> other.updateConfiguration(MfaConfiguration.of("Main", "fake", Map.of()), 7))
                .isInstanceOf(RevisionConflictException.class);
        lookUp(other, BOB);
        assertThat(changes() - before).as("no change, a refused write, or a read: none counted").isEqualTo(6);
        assertThat(lookUp(other, BOB).option("Passcode")).contains("1111");
    }

    @Test
    void concurrentWritesFromTwoNodesAreEachCountedOnceAndNeverDeadlock() throws Exception {
        long before = changes();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                JdbcMfaConfigurationStore node = t % 2 == 0 ? store : other;
                String configuration = t < 2 ? "Main" : "Spare";
                int writer = t;
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        PrincipalId principal = PrincipalId.parse("principal/internal/user/w" + writer + "x" + i);
                        node.putAssignment(new MfaAssignment(principal, configuration, "user" + i));
                        node.removeAssignment(principal);
                    }
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }

        assertThat(changes() - before).as("4 writers x 10 x (put + remove)").isEqualTo(80);
    }

    @Test
    void aChangeMadeWithSqlIsSeenWithinTheIntervalWhenItsTransactionCountsIt() throws SQLException {
        lookUp(store, BOB);
        try (Connection connection = database.newDataSource().getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.executeUpdate("UPDATE " + prefix + "assignment SET configuration_name = 'Spare' WHERE principal = '"
                    + BOB.path() + "'");
            statement.executeUpdate("UPDATE " + prefix + "change_count SET changes = changes + 1");
            connection.commit();
        }
        assertThat(lookUp(store, BOB).name()).as("within the interval").isEqualTo("Main");

        advance(MAX_AGE);

        assertThat(lookUp(store, BOB).name()).isEqualTo("Spare");
    }

    @Test
    void aCheckThatFailsLeavesTheCacheAnsweringNothingUntilOneSucceedsASecondLater() {
        lookUp(store, BOB);
        advance(MAX_AGE);
        switchable.goAway();
        assertThatThrownBy(() -> store.findAssignment(BOB)).as("the read after the failed check fails too")
                .isInstanceOf(StoreException.class);
        switchable.comeBack();
        counted.reset();

        lookUp(store, BOB);
        assertThat(checks()).as("not again within a second of the failed one").isEmpty();
        assertThat(reads()).as("and nothing answers from memory meanwhile").hasSize(1);

        advance(Duration.ofSeconds(1));
        counted.reset();
        lookUp(store, BOB);
        lookUp(store, BOB);

        assertThat(checks()).hasSize(1);
        assertThat(reads()).as("the check found nothing changed: the entries answer again").isEmpty();
    }

    @Test
    void aCheckThatThrowsSomethingElseIsEndedAllTheSameSoALaterOneIsMade() {
        AtomicBoolean broken = new AtomicBoolean();
        // As a pool that was closed may answer: not an SQLException.
        DataSource flaky = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (broken.get() && method.getName().equals("getConnection")) {
                        throw new IllegalStateException("the pool is closed (test)");
                    }
                    try {
                        return method.invoke(counted, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        JdbcMfaConfigurationStore onFlaky = JdbcMfaConfigurationStore.builder(flaky).tablePrefix(prefix).ticker(nanos::get)
                .lookupCache(MAX_AGE).build();
        lookUp(onFlaky, BOB);
        advance(MAX_AGE);
        broken.set(true);
        assertThatThrownBy(() -> onFlaky.findAssignment(BOB)).isInstanceOf(IllegalStateException.class);
        broken.set(false);
        advance(Duration.ofSeconds(1));
        counted.reset();

        lookUp(onFlaky, BOB);
        lookUp(onFlaky, BOB);

        assertThat(checks()).as("a check is made again").hasSize(1);
        assertThat(reads()).isEmpty();
    }

    @Test
    void aNewAssignmentIsSeenAtOnceBecauseAnAbsenceIsNeverCached() {
        assertThat(store.findAssignment(ALICE)).isEmpty();
        assertThat(store.findAssignment(ALICE)).isEmpty();
        assertThat(reads()).as("read every time").hasSize(2);

        other.putAssignment(new MfaAssignment(ALICE, "Main", "alice@fake"));

        assertThat(store.findAssignment(ALICE)).contains(new MfaAssignment(ALICE, "Main", "alice@fake"));
    }

    @Test
    void aConfigurationChangedThroughThisStoreIsSeenAtOnce() {
        lookUp(store, BOB);
        store.updateConfiguration(MfaConfiguration.of("Main", "fake", Map.of("Passcode", "3333")), 1);

        assertThat(lookUp(store, BOB).option("Passcode")).contains("3333");

        store.deleteConfiguration("Main", true);
        assertThat(store.findAssignment(BOB)).as("deleted with its configuration").isEmpty();
    }

    @Test
    void aConfigurationCreatedThroughThisStoreForgetsTooSinceItsNameMayHaveBeenDeletedElsewhere() {
        lookUp(store, BOB);
        other.deleteConfiguration("Main", true);
        store.createConfiguration(MfaConfiguration.of("Main", "fake", Map.of("Passcode", "4444")));

        assertThat(store.findAssignment(BOB)).as("removed with the old Main, on the other node").isEmpty();
    }

    @Test
    void anAssignmentChangedThroughThisStoreIsSeenAtOnce() {
        lookUp(store, BOB);
        store.putAssignment(new MfaAssignment(BOB, "Spare", "bob@spare"));

        assertThat(lookUp(store, BOB).name()).isEqualTo("Spare");
        assertThat(store.findAssignment(BOB)).contains(new MfaAssignment(BOB, "Spare", "bob@spare"));

        store.removeAssignment(BOB);
        assertThat(store.findAssignment(BOB)).isEmpty();
    }

    @Test
    void anAssignmentChangeForgetsOnlyThatPrincipal() {
        other.putAssignment(new MfaAssignment(ALICE, "Main", "alice@fake"));
        lookUp(store, BOB);
        lookUp(store, ALICE);
        store.putAssignment(new MfaAssignment(CAROL, "Main", "carol@fake"));
        counted.reset();

        lookUp(store, BOB);
        lookUp(store, ALICE);

        assertThat(counted.executed()).isEmpty();
    }

    @Test
    void aFailedReadIsNotCachedAndTheNextOneReads() {
        switchable.goAway();
        assertThatThrownBy(() -> store.findAssignment(BOB)).isInstanceOf(StoreException.class);
        switchable.comeBack();

        assertThat(lookUp(store, BOB).option("Passcode")).contains("1111");
        assertThat(reads()).hasSize(1);
    }

    @Test
    void aFailedAssignmentWriteThroughThisStoreForgetsAllTheSame() {
        lookUp(store, BOB);
        switchable.goAway();
        assertThatThrownBy(() -> store.removeAssignment(BOB)).isInstanceOf(StoreException.class);
        switchable.comeBack();
        counted.reset();

        lookUp(store, BOB);

        assertThat(reads()).as("it may have committed before it failed").hasSize(1);
    }

    @Test
    void aFailedConfigurationWriteThroughThisStoreForgetsAllTheSame() {
        lookUp(store, BOB);
        switchable.goAway();
        assertThatThrownBy(() -> store.updateConfiguration(MfaConfiguration.of("Main", "fake", Map.of()), 1))
                .isInstanceOf(StoreException.class);
        switchable.comeBack();
        counted.reset();

        lookUp(store, BOB);

        assertThat(reads()).as("it may have committed before it failed").hasSize(1);
    }

    @Test
    void casesOfOneNameShareOneEntry() {
        lookUp(store, PrincipalId.parse("principal/Internal/User/BOB"));
        counted.reset();

        assertThat(store.findAssignment(PrincipalId.parse("principal/internal/user/Bob")))
                .contains(new MfaAssignment(BOB, "Main", "bob@fake"));
        assertThat(store.findAssignment(BOB)).isPresent();
        assertThat(counted.executed()).isEmpty();

        store.removeAssignment(PrincipalId.parse("principal/INTERNAL/user/bOb"));
        assertThat(store.findAssignment(BOB)).as("one entry, forgotten whatever the case").isEmpty();
    }

    @Test
    void atMostTheGivenNumberOfPrincipalsIsKept() {
        for (PrincipalId principal : List.of(ALICE, CAROL)) {
            other.putAssignment(new MfaAssignment(principal, "Main", principal.name() + "@fake"));
        }
        JdbcMfaConfigurationStore three = cached(b -> b.lookupCacheSize(3));
        JdbcMfaConfigurationStore two = cached(b -> b.lookupCacheSize(2));
        for (JdbcMfaConfigurationStore each : List.of(three, two)) {
            for (PrincipalId principal : List.of(BOB, ALICE, CAROL)) {
                lookUp(each, principal);
            }
        }
        counted.reset();

        for (PrincipalId principal : List.of(BOB, ALICE, CAROL)) {
            lookUp(three, principal);
        }
        assertThat(counted.executed()).as("all three kept").isEmpty();
        for (PrincipalId principal : List.of(BOB, ALICE, CAROL)) {
            lookUp(two, principal);
        }
        assertThat(counted.executed()).as("one at least was dropped").isNotEmpty();
    }

    @Test
    void theBuilderRefusesAgesAndSizesOutOfRange() {
        JdbcMfaConfigurationStore.Builder builder = JdbcMfaConfigurationStore.builder(counted);

        assertThatThrownBy(() -> builder.lookupCache(Duration.ofNanos(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.lookupCache(Duration.ofHours(1).plusNanos(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT1H");
        assertThatThrownBy(() -> builder.lookupCache(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.lookupCacheSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.lookupCacheSize(10_000_001)).isInstanceOf(IllegalArgumentException.class);
        assertThat(builder.lookupCache(Duration.ofHours(1)).lookupCacheSize(10_000_000)).isSameAs(builder);
    }
}
