package dev.mfa4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.testkit.FakeMfaProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What one passcode verification costs the database on PostgreSQL, statement by statement (each
 * one round trip): the assignment read with its configuration, then one conditional statement
 * that counts the attempt and claims the passcode, and one to settle. With the lookup cache on and
 * the principal looked up recently, the first of the three is saved.
 */
class PostgresStatementsPerVerificationTest {

    private static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");

    private TestDatabase database;
    private String prefix;
    private CountingDataSource counted;
    private MfaService mfa;
    private Clock clock;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T10:00:00Z"));

    @BeforeEach
    void open() {
        database = PostgresDatabase.require();
        prefix = TestDatabase.freshPrefix();
        counted = new CountingDataSource(database.newDataSource());
        clock = new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        mfa = service(JdbcMfaConfigurationStore.builder(counted).tablePrefix(prefix).build());
        mfa.configurations().create("Main", "fake", Map.of("Passcode", "24681357"));
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob@fake"));
        counted.reset();
    }

    private MfaService service(JdbcMfaConfigurationStore store) {
        return MfaService.builder(ManagementAuthorizer.allowAll())
                .store(store)
                .attemptStore(JdbcAttemptStore.builder(counted).tablePrefix(prefix).build())
                .provider(new FakeMfaProvider()).discoverProviders(false).discoverEventListeners(false).clock(clock).build();
    }

    @AfterEach
    void close() {
        // null when open() skipped the test (no PostgreSQL): a skip, not an error.
        if (mfa != null) {
            mfa.close();
        }
        if (database != null) {
            database.cleanUp(prefix);
        }
    }

    @Test
    void anAcceptedPasscodeCostsThreeStatementsTheFirstTimeAndEveryTimeAfter() {
        assertThat(mfa.verify(BOB, "24681357").reason()).isEqualTo(Reason.APPROVED);
        List<String> first = kinds();
        now.set(now.get().plus(Duration.ofMinutes(11)));
        counted.reset();
        assertThat(mfa.verify(BOB, "24681357").reason()).isEqualTo(Reason.APPROVED);

        assertThat(first).containsExactly("assignment and configuration", "count the attempt and claim the passcode", "settle");
        assertThat(kinds()).as("the expired claim taken over in the same statement").isEqualTo(first);
    }

    @Test
    void aWrongPasscodeCostsThreeAReplayTwoALockedOutAttemptTwo() {
        assertThat(mfa.verify(BOB, "11112222").reason()).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(kinds()).containsExactly("assignment and configuration", "count the attempt and claim the passcode",
                "release the claim");

        assertThat(mfa.verify(BOB, "24681357").reason()).isEqualTo(Reason.APPROVED);
        counted.reset();
        assertThat(mfa.verify(BOB, "24681357").reason()).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(kinds()).as("a replay").containsExactly("assignment and configuration", "count the attempt and claim the passcode");

        for (int i = 0; i < 5; i++) {
            mfa.verify(BOB, String.valueOf(30_000_000 + i));
        }
        counted.reset();
        assertThat(mfa.verify(BOB, "24681357").reason()).isEqualTo(Reason.TOO_MANY_ATTEMPTS);
        assertThat(kinds()).as("the lockout's end read in the same statement").containsExactly("assignment and configuration",
                "count the attempt and claim the passcode");
    }

    @Test
    void withTheLookupCacheOnAPrincipalLookedUpRecentlyCostsTwoStatements() {
        // The cache's checks read this ticker, which stands still: no second check falls due however slow the machine.
        try (MfaService cached = service(JdbcMfaConfigurationStore.builder(counted).tablePrefix(prefix).ticker(() -> 0L)
                .lookupCache(Duration.ofSeconds(5)).build())) {
            counted.reset();
            assertThat(cached.verify(BOB, "24681357").reason()).isEqualTo(Reason.APPROVED);
            assertThat(kinds()).as("a cold entry: read, after the node's check of the count of changes (once per 5 s)")
                    .containsExactly("check the count of changes", "assignment and configuration",
                            "count the attempt and claim the passcode", "settle");

            now.set(now.get().plus(Duration.ofMinutes(11)));
            counted.reset();
            assertThat(cached.verify(BOB, "24681357").reason()).isEqualTo(Reason.APPROVED);
            assertThat(kinds()).as("a warm entry").containsExactly("count the attempt and claim the passcode", "settle");

            counted.reset();
            assertThat(cached.verify(BOB, "11112222").reason()).isEqualTo(Reason.INVALID_PASSCODE);
            assertThat(kinds()).containsExactly("count the attempt and claim the passcode", "release the claim");
        }
    }

    private List<String> kinds() {
        return counted.executed().stream().map(sql -> {
            if (sql.startsWith("SELECT changes FROM " + prefix + "change_count")) {
                return "check the count of changes";
            } else if (sql.contains(prefix + "assignment a")) {
                return "assignment and configuration";
            } else if (sql.startsWith("WITH admitted AS (INSERT INTO " + prefix + "attempt")) {
                return "count the attempt and claim the passcode";
            } else if (sql.startsWith("INSERT INTO " + prefix + "attempt")) {
                return "count the attempt";
            } else if (sql.startsWith("INSERT INTO " + prefix + "used_passcode")) {
                return "claim the passcode";
            } else if (sql.startsWith("UPDATE " + prefix + "attempt SET failures = 0")) {
                return "settle";
            } else if (sql.startsWith("DELETE FROM " + prefix + "used_passcode WHERE scope")) {
                return "release the claim";
            } else if (sql.startsWith("SELECT locked_until_us")) {
                return "read the lockout";
            }
            return sql;
        }).toList();
    }
}
