package dev.mfa4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.core.ScriptedProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VerifierCacheTest {

    private final ScriptedProvider provider = new ScriptedProvider();
    private final VerifierCache cache = new VerifierCache(new SecretSealer(Optional.empty()), Optional.empty());
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        threads.shutdownNow();
        cache.close();
    }

    private static MfaConfiguration revision(long revision) {
        return MfaConfiguration.of("Main", "scripted", Map.of("Endpoint", "https://mfa.example.com", "Token", "abcdefgh12",
                "Mode", revision % 2 == 0 ? "fast" : "slow")).withRevision(revision);
    }

    @Test
    void aLeaseKeepsItsVerifierOpenAfterANewRevisionRetiresIt() {
        VerifierCache.Lease old = cache.lease(revision(1), provider);
        VerifierCache.Lease current = cache.lease(revision(2), provider);

        assertThat(current.verifier()).isNotSameAs(old.verifier());
        assertThat(provider.closedCount()).as("the retired verifier is still leased").isZero();
        old.close();
        assertThat(provider.closedCount()).isEqualTo(1);
        current.close();
        assertThat(provider.closedCount()).as("the current verifier stays with the cache").isEqualTo(1);
    }

    /**
     * Verifications that read two revisions in turn (another node keeps changing the
     * configuration) each replace the other's verifier. A lease must still always be had: the
     * cache is not closed, so "the MFA service is closed" would be a false answer.
     */
    @Test
    void leasesAreAlwaysHadWhileTwoRevisionsKeepReplacingEachOther() throws Exception {
        int perThread = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> leasers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long first = t;
            leasers.add(threads.submit(() -> {
                start.await();
                int leased = 0;
                for (int i = 0; i < perThread; i++) {
                    try (VerifierCache.Lease lease = cache.lease(revision(first + i), provider)) {
                        assertThat(lease.verifier()).isNotNull();
                        leased++;
                    }
                }
                return leased;
            }));
        }
        start.countDown();
        int leased = 0;
        for (Future<Integer> leaser : leasers) {
            leased += leaser.get(2, TimeUnit.MINUTES);
        }

        assertThat(leased).isEqualTo(4 * perThread);
        cache.close();
        assertThat(provider.closedCount()).as("every verifier opened is closed once its leases are back").isEqualTo(provider.openedCount());
    }

    @Test
    void aClosedCacheLendsNothing() {
        cache.close();

        assertThatThrownBy(() -> cache.lease(revision(1), provider)).isInstanceOf(VerifierCache.ClosedException.class);
    }
}
