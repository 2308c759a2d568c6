package dev.mfa4j.duo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.VerificationOutcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InFlightCallsTest {

    private final AtomicInteger released = new AtomicInteger();
    private final InFlightCalls calls = new InFlightCalls("duo-test", released::incrementAndGet);

    @Test
    void closingReleasesOnceTheLastCallInFlightHasEnded() {
        CompletableFuture<VerificationOutcome> pending = new CompletableFuture<>();
        CompletableFuture<VerificationOutcome> result = calls.run(() -> pending, "verification");

        calls.close();
        assertThat(released).as("a call is still in flight").hasValue(0);
        pending.complete(VerificationOutcome.approved("yes"));

        assertThat(result).isCompletedWithValueMatching(o -> o.reason() == Reason.APPROVED);
        assertThat(released).hasValue(1);
        calls.close();
        assertThat(released).as("released once").hasValue(1);
    }

    @Test
    void aClosedVerifierRefusesNewCallsAsAnError() {
        calls.close();

        CompletableFuture<VerificationOutcome> result = calls.run(() -> {
            throw new AssertionError("must not run");
        }, "verification");

        assertThat(result.join().reason()).isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(result.join().message()).contains("'duo-test' was closed");
        assertThat(released).hasValue(1);
    }

    @Test
    void aFlowThatThrowsFailsOrGivesNothingIsAProviderErrorNeverAFailedFuture() {
        CompletableFuture<VerificationOutcome> threw = calls.run(() -> {
            throw new IllegalStateException("bug");
        }, "verification");
        CompletableFuture<VerificationOutcome> noFuture = calls.run(() -> null, "verification");
        CompletableFuture<VerificationOutcome> failed = calls.run(() -> CompletableFuture.failedFuture(new IllegalArgumentException()),
                "health check");
        CompletableFuture<VerificationOutcome> nothing = calls.run(() -> CompletableFuture.completedFuture(null), "verification");

        assertThat(threw.join().message()).isEqualTo("the duo verification failed: IllegalStateException");
        assertThat(noFuture.join().message()).isEqualTo("the duo verification failed: IllegalStateException");
        assertThat(failed.join().message()).isEqualTo("the duo health check failed: IllegalArgumentException");
        assertThat(nothing.join().message()).isEqualTo("the duo verification failed: no outcome");
        assertThat(java.util.List.of(threw, noFuture, failed, nothing)).allSatisfy(f -> assertThat(f.join().reason()).isEqualTo(Reason.PROVIDER_ERROR));
        calls.close();
        assertThat(released).as("nothing left in flight").hasValue(1);
    }
}
