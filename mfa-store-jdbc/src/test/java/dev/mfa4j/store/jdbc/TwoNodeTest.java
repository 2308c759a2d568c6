package dev.mfa4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two {@code MfaService} nodes over one database: they share lockouts and see each other's changes. */
abstract class TwoNodeTest {

    private static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");
    /** AttemptPolicy's default. */
    private static final int MAX_FAILURES = 5;

    private TestDatabase database;
    private String prefix;
    private Node first;
    private Node second;

    abstract TestDatabase database();

    @BeforeEach
    void startTwoNodes() {
        database = database();
        prefix = TestDatabase.freshPrefix();
        first = Node.on(database, prefix);
        second = Node.on(database, prefix);
    }

    @AfterEach
    void stop() {
        if (second != null) {
            first.close();
            second.close();
            database.cleanUp(prefix);
        }
    }

    @Test
    void concurrentWrongPasscodesSplitAcrossBothNodesReachTheProviderAtMostMaxFailuresTimes() throws Exception {
        first.service.configurations().json().create("""
                {"Type": "fake", "Name": "Main", "Options": {"Passcode": "24681357"}}""");
        first.service.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob@fake"));
        int attempts = 100;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<VerificationResult>> results = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            Node node = i % 2 == 0 ? first : second;
            String wrong = String.valueOf(10_000_000 + i);
            results.add(pool.submit(() -> {
                start.await();
                return node.service.verify(BOB, wrong);
            }));
        }
        start.countDown();
        List<Reason> reasons = new ArrayList<>();
        for (Future<VerificationResult> result : results) {
            VerificationResult r = result.get(2, TimeUnit.MINUTES);
            assertThat(r.allowed()).isFalse();
            reasons.add(r.reason());
        }
        pool.shutdown();

        int reachedProvider = first.provider.requests().size() + second.provider.requests().size();
        assertThat(reachedProvider).isLessThanOrEqualTo(MAX_FAILURES);
        assertThat(reasons).filteredOn(r -> r == Reason.INVALID_PASSCODE).hasSize(reachedProvider);
        assertThat(reasons).filteredOn(r -> r == Reason.TOO_MANY_ATTEMPTS).hasSize(attempts - reachedProvider);
        assertThat(second.service.verify(BOB, "24681357").reason()).as("locked out on the other node too")
                .isEqualTo(Reason.TOO_MANY_ATTEMPTS);
    }

    @Test
    void aConfigurationUpdatedThroughOneNodeIsUsedByTheOtherOnItsNextVerify() {
        first.service.configurations().json().create("""
                {"Type": "fake", "Name": "Main", "Options": {"Passcode": "11112222"}}""");
        first.service.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob@fake"));
        assertThat(second.service.verify(BOB, "11112222").reason()).isEqualTo(Reason.APPROVED);

        first.service.configurations().json().update("Main", """
                {"Type": "fake", "Name": "Main", "Options": {"Passcode": "33334444"}}""");

        assertThat(second.service.verify(BOB, "33334444").reason()).isEqualTo(Reason.APPROVED);
        assertThat(second.service.verify(BOB, "55556666").reason()).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(second.provider.openedVerifiers()).as("a verifier for each revision").isEqualTo(2);
    }

    @Test
    void anAssignmentRemovedOnOneNodeEndsMfaOnTheOther() {
        first.service.configurations().json().create("""
                {"Type": "fake", "Name": "Main", "Options": {"Passcode": "11112222"}}""");
        first.service.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob@fake"));
        assertThat(second.service.requiresMfa(BOB)).isTrue();

        first.service.principals().remove(BOB);

        assertThat(second.service.requiresMfa(BOB)).isFalse();
        assertThat(second.service.verify(BOB, "11112222").reason()).isEqualTo(Reason.NOT_CONFIGURED);
    }

    @Test
    void aPasscodeAcceptedOnOneNodeIsRefusedOnTheOther() {
        first.service.configurations().json().create("""
                {"Type": "fake", "Name": "Main", "Options": {"Passcode": "11112222"}}""");
        first.service.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob@fake"));

        assertThat(first.service.verify(BOB, "11112222").reason()).isEqualTo(Reason.APPROVED);

        assertThat(second.service.verify(BOB, "11112222").reason()).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(second.provider.requests()).as("the replay never reached the provider").isEmpty();
    }
}
