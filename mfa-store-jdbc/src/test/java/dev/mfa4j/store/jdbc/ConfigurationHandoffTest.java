package dev.mfa4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verification path's two reads in one round trip: {@code findAssignment} reads the
 * configuration in the same statement, and the {@code findConfiguration} that follows on the same
 * thread answers from it. How stale that answer may be, and when it is read again.
 */
abstract class ConfigurationHandoffTest {

    private static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");

    private TestDatabase database;
    private String prefix;
    private final AtomicLong nanos = new AtomicLong();
    private CountingDataSource counted;
    private JdbcMfaConfigurationStore store;
    /** Another node on the same tables. */
    private JdbcMfaConfigurationStore other;

    abstract TestDatabase database();

    @BeforeEach
    void open() {
        database = database();
        prefix = TestDatabase.freshPrefix();
        counted = new CountingDataSource(database.newDataSource());
        store = JdbcMfaConfigurationStore.builder(counted).tablePrefix(prefix).ticker(nanos::get).build();
        other = JdbcMfaConfigurationStore.builder(database.newDataSource()).tablePrefix(prefix).build();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("Passcode", "1111");
        options.put("PushResult", "deny");
        other.createConfiguration(MfaConfiguration.of("Main", "fake", options));
        other.createConfiguration(MfaConfiguration.of("Spare", "fake", Map.of()));
        other.putAssignment(new MfaAssignment(BOB, "Main", "bob@fake"));
        counted.reset();
    }

    @AfterEach
    void close() {
        // null when open() skipped the test (no PostgreSQL): a skip, not an error.
        if (database != null) {
            database.cleanUp(prefix);
        }
    }

    @Test
    void theConfigurationAfterTheAssignmentCostsNoStatement() {
        assertThat(store.findAssignment(BOB)).contains(new MfaAssignment(BOB, "Main", "bob@fake"));
        Optional<MfaConfiguration> configuration = store.findConfiguration("Main");

        assertThat(configuration).contains(other.findConfiguration("Main").orElseThrow());
        assertThat(configuration.orElseThrow().options()).containsExactly(Map.entry("Passcode", "1111"), Map.entry("PushResult", "deny"));
        assertThat(counted.executed()).hasSize(1);
    }

    @Test
    void itIsTheConfigurationAsReadWithTheAssignmentAndTheNextAssignmentReadSeesAChange() {
        store.findAssignment(BOB);
        other.updateConfiguration(MfaConfiguration.of("Main", "fake", Map.of("Passcode", "2222")), 1);

        assertThat(store.findConfiguration("Main").orElseThrow().revision()).as("as it was at the assignment read").isEqualTo(1);
        store.findAssignment(BOB);
        assertThat(store.findConfiguration("Main").orElseThrow().option("Passcode")).contains("2222");
    }

    @Test
    void olderThanOneSecondItIsReadAgain() {
        store.findAssignment(BOB);
        other.updateConfiguration(MfaConfiguration.of("Main", "fake", Map.of("Passcode", "2222")), 1);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos() + 1);

        assertThat(store.findConfiguration("Main").orElseThrow().revision()).isEqualTo(2);
        assertThat(counted.executed()).hasSize(2);
    }

    @Test
    void atOneSecondItStillAnswers() {
        store.findAssignment(BOB);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(store.findConfiguration("Main")).isPresent();
        assertThat(counted.executed()).hasSize(1);
    }

    @Test
    void itAnswersOnceAndOnlyForItsOwnConfiguration() {
        store.findAssignment(BOB);
        assertThat(store.findConfiguration("Spare")).isPresent();
        assertThat(store.findConfiguration("Main")).isPresent();
        assertThat(counted.executed()).as("both read from the database").hasSize(3);

        counted.reset();
        store.findAssignment(BOB);
        store.findConfiguration("Main");
        store.findConfiguration("Main");
        assertThat(counted.executed()).as("the second read goes to the database").hasSize(2);
    }

    @Test
    void anyOtherCallInBetweenEndsIt() {
        store.findAssignment(BOB);
        store.updateConfiguration(MfaConfiguration.of("Main", "fake", Map.of("Passcode", "3333")), 1);

        assertThat(store.findConfiguration("Main").orElseThrow().option("Passcode")).contains("3333");

        store.findAssignment(BOB);
        store.countAssignments("Spare");
        counted.reset();
        store.findConfiguration("Main");
        assertThat(counted.executed()).hasSize(1);
    }

    @Test
    void anotherThreadReadsForItself() throws Exception {
        store.findAssignment(BOB);
        other.updateConfiguration(MfaConfiguration.of("Main", "fake", Map.of("Passcode", "2222")), 1);

        MfaConfiguration read = CompletableFuture.supplyAsync(() -> store.findConfiguration("Main").orElseThrow()).get();

        assertThat(read.revision()).isEqualTo(2);
    }

    @Test
    void noAssignmentLeavesNothingToAnswer() {
        PrincipalId alice = PrincipalId.parse("principal/internal/user/alice");
        assertThat(store.findAssignment(alice)).isEmpty();
        assertThat(store.findConfiguration("Main")).isPresent();
        assertThat(counted.executed()).hasSize(2);
    }
}
