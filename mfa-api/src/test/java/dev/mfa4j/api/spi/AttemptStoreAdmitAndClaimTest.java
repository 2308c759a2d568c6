package dev.mfa4j.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.spi.AttemptStore.Admission;
import dev.mfa4j.api.spi.AttemptStore.PasscodeAdmission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default {@link AttemptStore#admitAndClaim}: admit, then claim only if admitted, and a failed
 * claim takes its count back. (The stores' behaviour under it is the testkit's contract.)
 */
class AttemptStoreAdmitAndClaimTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration COOL_DOWN = Duration.ofMinutes(15);

    @Test
    void aLockedOutKeyIsNeverAskedToClaim() {
        ScriptedStore store = new ScriptedStore(Admission.lockedUntil(T0.plus(COOL_DOWN)), true);

        PasscodeAdmission entry = store.admitAndClaim("k", T0, 5, COOL_DOWN, "s", "f", T0.plusSeconds(600));

        assertThat(entry).isEqualTo(PasscodeAdmission.lockedUntil(T0.plus(COOL_DOWN)));
        assertThat(store.calls).containsExactly("admit k");
    }

    @Test
    void anAdmittedAttemptClaimsWithTheGivenValues() {
        ScriptedStore store = new ScriptedStore(Admission.ADMITTED, true);

        assertThat(store.admitAndClaim("k", T0, 5, COOL_DOWN, "s", "f", T0.plusSeconds(600))).isEqualTo(PasscodeAdmission.CLAIMED);
        assertThat(store.calls).containsExactly("admit k", "claim s f " + T0 + " " + T0.plusSeconds(600));
    }

    @Test
    void aPasscodeClaimedBeforeLeavesTheAttemptCounted() {
        ScriptedStore store = new ScriptedStore(Admission.ADMITTED, false);

        assertThat(store.admitAndClaim("k", T0, 5, COOL_DOWN, "s", "f", T0.plusSeconds(600))).isEqualTo(PasscodeAdmission.ALREADY_CLAIMED);
        assertThat(store.calls).as("no refund").containsExactly("admit k", "claim s f " + T0 + " " + T0.plusSeconds(600));
    }

    @Test
    void aFailedClaimRefundsTheCountAndThrows() {
        ScriptedStore store = new ScriptedStore(Admission.ADMITTED, true);
        store.claimFailure = new IllegalStateException("claim failed");

        assertThatThrownBy(() -> store.admitAndClaim("k", T0, 5, COOL_DOWN, "s", "f", T0.plusSeconds(600)))
                .isSameAs(store.claimFailure);
        assertThat(store.calls).endsWith("refund k");
    }

    @Test
    void aFailedRefundIsKeptInTheClaimsFailure() {
        ScriptedStore store = new ScriptedStore(Admission.ADMITTED, true);
        store.claimFailure = new IllegalStateException("claim failed");
        store.refundFailure = new IllegalStateException("refund failed");

        assertThatThrownBy(() -> store.admitAndClaim("k", T0, 5, COOL_DOWN, "s", "f", T0.plusSeconds(600)))
                .isSameAs(store.claimFailure).satisfies(e -> assertThat(e.getSuppressed()).containsExactly(store.refundFailure));
    }

    @Test
    void aFailedAdmissionTakesNothingBack() {
        ScriptedStore store = new ScriptedStore(Admission.ADMITTED, true);
        store.admitFailure = new IllegalStateException("admit failed");

        assertThatThrownBy(() -> store.admitAndClaim("k", T0, 5, COOL_DOWN, "s", "f", T0.plusSeconds(600)))
                .isSameAs(store.admitFailure);
        assertThat(store.calls).isEmpty();
    }

    @Test
    void nullsAreRefusedBeforeAnythingIsCounted() {
        ScriptedStore store = new ScriptedStore(Admission.ADMITTED, true);

        assertThatThrownBy(() -> store.admitAndClaim("k", T0, 5, COOL_DOWN, "s", null, T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.admitAndClaim("k", T0, 5, COOL_DOWN, null, "f", T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.admitAndClaim("k", T0, 5, COOL_DOWN, "s", "f", null)).isInstanceOf(NullPointerException.class);
        assertThat(store.calls).isEmpty();
    }

    @Test
    void aRefusedAttemptCannotClaim() {
        assertThatThrownBy(() -> new PasscodeAdmission(Admission.lockedUntil(T0), true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasscodeAdmission(null, false)).isInstanceOf(NullPointerException.class);
    }

    /** Answers as told and records what it was asked. */
    private static final class ScriptedStore implements AttemptStore {
        final List<String> calls = new ArrayList<>();
        private final Admission admission;
        private final boolean claims;
        RuntimeException admitFailure;
        RuntimeException claimFailure;
        RuntimeException refundFailure;

        ScriptedStore(Admission admission, boolean claims) {
            this.admission = admission;
            this.claims = claims;
        }

        @Override
        public Admission admit(String key, Instant now, int maxFailures, Duration coolDown) {
            if (admitFailure != null) {
                throw admitFailure;
            }
            calls.add("admit " + key);
            return admission;
        }

        @Override
        public void refund(String key) {
            calls.add("refund " + key);
            if (refundFailure != null) {
                throw refundFailure;
            }
        }

        @Override
        public void recordSuccess(String key) {
            throw new AssertionError("not part of admitAndClaim");
        }

        @Override
        public boolean claimPasscode(String scope, String fingerprint, Instant now, Instant expiresAt) {
            calls.add("claim " + scope + " " + fingerprint + " " + now + " " + expiresAt);
            if (claimFailure != null) {
                throw claimFailure;
            }
            return claims;
        }

        @Override
        public void releasePasscode(String scope, String fingerprint) {
            throw new AssertionError("not part of admitAndClaim");
        }

        @Override
        public PushAdmission admitPush(String key, String pushId, Instant now, int maxPushes, Duration window, Instant expiresAt) {
            throw new AssertionError("not part of admitAndClaim");
        }

        @Override
        public void endPush(String key, String pushId) {
            throw new AssertionError("not part of admitAndClaim");
        }
    }
}
