package dev.mfa4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.ConfigurationInUseException;
import dev.mfa4j.api.ConfigurationNotFoundException;
import dev.mfa4j.api.DuplicateConfigurationException;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.RevisionConflictException;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.spi.MfaConfigurationStore;
import dev.mfa4j.api.spi.VerificationOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several threads create, update (with revisions), delete and assign while others verify: no
 * update is lost, and the only exceptions are the documented conflicts.
 */
class ConcurrencyTest {

    private static final int WRITERS = 4;
    private static final int VERIFIERS = 4;
    private static final int ROUNDS = 150;

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void concurrentManagementAndVerificationLoseNothing(String kind) throws Exception {
        MfaConfigurationStore store = kind.equals("memory") ? new InMemoryMfaConfigurationStore()
                : FileMfaConfigurationStore.open(directory.resolve("store.json"));
        ScriptedProvider provider = new ScriptedProvider();
        // Every passcode is right and each is used once: this test is about management, not policy.
        provider.behaviour = request -> CompletableFuture.completedFuture(VerificationOutcome.approved("ok"));
        MfaService mfa = Fixtures.service(provider, store);
        mfa.configurations().json().create(Fixtures.CONFIG_JSON);
        List<PrincipalId> users = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            users.add(PrincipalId.user("internal", "user" + i));
            mfa.principals().assign(MfaAssignment.of(users.get(i)).configuration("Main").providerUserId("u" + i));
        }

        AtomicInteger successfulUpdates = new AtomicInteger();
        Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        Set<Class<?>> documented = Set.of(RevisionConflictException.class, DuplicateConfigurationException.class,
                ConfigurationNotFoundException.class, ConfigurationInUseException.class);
        Set<Reason> expectedReasons = EnumSet.of(Reason.APPROVED, Reason.NOT_CONFIGURED, Reason.CONFIGURATION_ERROR);
        Queue<Reason> unexpectedReasons = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + VERIFIERS);
        List<Future<?>> tasks = new ArrayList<>();

        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            tasks.add(pool.submit(() -> {
                start.await();
                for (int round = 0; round < ROUNDS; round++) {
                    try {
                        switch (round % 4) {
                            case 0 -> {
                                // Read, then update conditionally on the revision read.
                                MfaConfiguration current = mfa.configurations().get("Main").orElseThrow();
                                mfa.configurations().update(new MfaConfiguration("Main", "scripted",
                                        Map.of("Endpoint", "https://w" + writer + "r" + round + ".example.com", "Token", "********"),
                                        current.revision()));
                                successfulUpdates.incrementAndGet();
                            }
                            case 1 -> mfa.configurations().json().create(Fixtures.CONFIG_JSON.replace("\"Main\"", "\"Temp" + writer + "\""));
                            case 2 -> mfa.principals().assign(MfaAssignment.of(users.get((writer + round) % users.size())).configuration(round % 8 == 2 ? "Temp" + writer : "Main").providerUserId("u" + round));
                            default -> mfa.configurations().delete("Temp" + writer, round % 8 == 3);
                        }
                    } catch (Throwable e) {
                        if (!documented.contains(e.getClass())) {
                            unexpected.add(e);
                        }
                    }
                }
                return null;
            }));
        }
        for (int v = 0; v < VERIFIERS; v++) {
            int verifier = v;
            tasks.add(pool.submit(() -> {
                start.await();
                for (int round = 0; round < ROUNDS * 2; round++) {
                    try {
                        VerificationResult result = mfa.verify(users.get((verifier + round) % users.size()),
                                String.format("%06d", verifier * 10_000 + round));
                        if (!expectedReasons.contains(result.reason())) {
                            unexpectedReasons.add(result.reason());
                        }
                    } catch (Throwable e) {
                        unexpected.add(e);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> task : tasks) {
            task.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(unexpected).isEmpty();
        assertThat(unexpectedReasons).isEmpty();
        assertThat(successfulUpdates.get()).isPositive();
        // Every successful conditional update moved the revision by exactly one: none was lost.
        assertThat(mfa.configurations().get("Main").orElseThrow().revision()).isEqualTo(1L + successfulUpdates.get());
        assertThat(mfa.configurations().get("Main", SecretVisibility.REVEALED).orElseThrow().option("Token")).contains(Fixtures.TOKEN);
    }
}
