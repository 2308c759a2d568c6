package dev.mfa4j.core;

import dev.mfa4j.api.spi.AttemptStore;
import java.time.Duration;
import java.time.Instant;

/** An attempt store forwarding to an in-memory one, for tests that override one method. */
class InMemoryAttemptStoreDelegate implements AttemptStore {

    private final InMemoryAttemptStore delegate = new InMemoryAttemptStore();

    @Override
    public Admission admit(String key, Instant now, int maxFailures, Duration coolDown) {
        return delegate.admit(key, now, maxFailures, coolDown);
    }

    @Override
    public void refund(String key) {
        delegate.refund(key);
    }

    @Override
    public void recordSuccess(String key) {
        delegate.recordSuccess(key);
    }

    @Override
    public boolean claimPasscode(String scope, String fingerprint, Instant now, Instant expiresAt) {
        return delegate.claimPasscode(scope, fingerprint, now, expiresAt);
    }

    @Override
    public void releasePasscode(String scope, String fingerprint) {
        delegate.releasePasscode(scope, fingerprint);
    }

    @Override
    public PushAdmission admitPush(String key, String pushId, Instant now, int maxPushes, Duration window, Instant expiresAt) {
        return delegate.admitPush(key, pushId, now, maxPushes, window, expiresAt);
    }

    @Override
    public void endPush(String key, String pushId) {
        delegate.endPush(key, pushId);
    }
}
