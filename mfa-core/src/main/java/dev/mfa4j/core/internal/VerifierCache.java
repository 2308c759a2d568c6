package dev.mfa4j.core.internal;

import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.MfaVerifier;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open verifier per configuration name, for the configuration exactly as last read from the
 * store. When the store returns something else (a new revision, written here or by another node
 * sharing the store), the next verification opens a new verifier and retires the old one.
 *
 * <p>Verifications lease the verifier they use, and a retired verifier is closed only when its
 * last lease is returned: a configuration changed in the middle of a verification never closes the
 * verifier under it (a closed verifier's answer is not a verdict, and must not be mistaken for an
 * outage). Closing the cache stops new leases at once.
 */
public final class VerifierCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VerifierCache.class);
    private static final Duration LONGEST_PASSCODE_LIFETIME = Duration.ofHours(24);

    /**
     * The verifier of one configuration revision, with its leases. The count starts at one, the
     * cache's own reference; it reaches zero, and the verifier is closed, once the cache has let
     * go and every lease is back.
     */
    private static final class Opened {
        private final MfaConfiguration configuration;
        private final MfaVerifier verifier;
        private final PasscodeFingerprints fingerprints;
        private final Duration passcodeLifetime;
        private final AtomicInteger references = new AtomicInteger(1);

        private Opened(MfaConfiguration configuration, MfaVerifier verifier, PasscodeFingerprints fingerprints) {
            this.configuration = configuration;
            this.verifier = verifier;
            this.fingerprints = fingerprints;
            this.passcodeLifetime = passcodeLifetimeOf(configuration, verifier);
        }

        boolean acquire() {
            for (int count = references.get(); count > 0; count = references.get()) {
                if (references.compareAndSet(count, count + 1)) {
                    return true;
                }
            }
            return false;
        }

        void release() {
            if (references.decrementAndGet() == 0) {
                closeQuietly(this);
            }
        }
    }

    /**
     * A verifier held for one verification or health check. Give it back with {@link #close()},
     * once, when the verifier's future has completed.
     */
    public static final class Lease implements AutoCloseable {
        private final Opened opened;
        private final AtomicInteger returned = new AtomicInteger();

        private Lease(Opened opened) {
            this.opened = opened;
        }

        /** @return the verifier, open until this lease is returned */
        public MfaVerifier verifier() {
            return opened.verifier;
        }

        /** @return how accepted passcodes of this configuration are fingerprinted */
        public PasscodeFingerprints fingerprints() {
            return opened.fingerprints;
        }

        /**
         * @return how long one passcode of this configuration can be accepted, as its verifier
         *     says (at most 24 hours), or zero if it does not say
         */
        public Duration passcodeLifetime() {
            return opened.passcodeLifetime;
        }

        /** Returns the lease; a second call does nothing. */
        @Override
        public void close() {
            if (returned.getAndIncrement() == 0) {
                opened.release();
            }
        }
    }

    /** The cache is closed: no verifier is lent any more. */
    public static final class ClosedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ClosedException() {
            super("the MFA service is closed");
        }
    }

    private final ConcurrentHashMap<String, Opened> byName = new ConcurrentHashMap<>();
    private final SecretSealer sealer;
    private final Optional<SecretKey> fingerprintKey;
    private volatile boolean closed;

    /**
     * @param sealer opens sealed secrets before a verifier is made
     * @param fingerprintKey the host's key for passcode fingerprints, if it gave one
     */
    public VerifierCache(SecretSealer sealer, Optional<SecretKey> fingerprintKey) {
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.fingerprintKey = Objects.requireNonNull(fingerprintKey, "fingerprintKey");
    }

    /**
     * @param configuration the configuration as just read from the store
     * @param provider its provider
     * @return a lease on the verifier for exactly that configuration
     * @throws ClosedException if the cache is closed
     * @throws RuntimeException whatever {@link MfaProvider#open} throws (it is given the
     *     configuration opened, without mfa-core's common options), or a
     *     {@link dev.mfa4j.api.SealedSecretException} if a sealed secret does not open
     */
    public Lease lease(MfaConfiguration configuration, MfaProvider provider) {
        if (closed) {
            throw new ClosedException();
        }
        Opened opened = acquireCurrent(configuration, provider);
        if (closed) {
            // close() ran meanwhile; it has let go of this verifier, so the lease holds the last reference.
            opened.release();
            throw new ClosedException();
        }
        return new Lease(opened);
    }

    /**
     * The verifier of exactly this configuration, with a reference taken for the caller. Taken
     * inside the map's atomic update when it cannot be taken outside: a verifier still in the map
     * has the cache's reference, so it cannot be closed there, however often verifications that
     * read other revisions replace it.
     */
    private Opened acquireCurrent(MfaConfiguration configuration, MfaProvider provider) {
        Opened current = byName.get(configuration.name());
        // Identity first: stores that keep immutable values return the same instance each time.
        if (current != null && (current.configuration == configuration || current.configuration.equals(configuration))
                && current.acquire()) {
            return current;
        }
        Opened[] replaced = new Opened[1];
        Opened opened = byName.compute(configuration.name(), (name, existing) -> {
            if (existing != null && existing.configuration.equals(configuration) && existing.acquire()) {
                return existing;
            }
            replaced[0] = existing;
            Opened fresh = open(configuration, provider);
            fresh.acquire();
            return fresh;
        });
        if (replaced[0] != null) {
            LOG.debug("MFA configuration '{}' changed from revision {} to {}: retiring the old verifier", configuration.name(),
                    replaced[0].configuration.revision(), configuration.revision());
            replaced[0].release();
        }
        return opened;
    }

    private static Duration passcodeLifetimeOf(MfaConfiguration configuration, MfaVerifier verifier) {
        try {
            Optional<Duration> said = verifier.passcodeLifetime();
            if (said == null || said.isEmpty() || said.get().isNegative()) {
                return Duration.ZERO;
            }
            return said.get().compareTo(LONGEST_PASSCODE_LIFETIME) > 0 ? LONGEST_PASSCODE_LIFETIME : said.get();
        } catch (RuntimeException e) {
            LOG.warn("MFA-CORE-021 the verifier of MFA configuration '{}' failed to say how long its passcodes live ({}): the "
                    + "reuse window applies", configuration.name(), e.getClass().getName());
            return Duration.ZERO;
        }
    }

    private Opened open(MfaConfiguration configuration, MfaProvider provider) {
        MfaConfiguration opened = sealer.open(configuration);
        PasscodeFingerprints fingerprints = PasscodeFingerprints.of(opened, CommonOptions.allSpecs(provider), fingerprintKey);
        if (!fingerprints.keyed()) {
            LOG.debug("MFA configuration '{}' has no secret option and the service no fingerprint key: its used-passcode records"
                    + " are plain hashes", configuration.name());
        }
        return new Opened(configuration, provider.open(CommonOptions.forProvider(opened)), fingerprints);
    }

    /**
     * Retires the verifier of a configuration that was updated or deleted; it closes once the
     * verifications using it have ended.
     *
     * @param name the configuration name
     */
    public void invalidate(String name) {
        Opened removed = byName.remove(name);
        if (removed != null) {
            removed.release();
        }
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    /** Lends no verifier any more, and retires every one; each closes when its last lease is back. */
    @Override
    public void close() {
        closed = true;
        byName.keySet().forEach(this::invalidate);
    }

    private static void closeQuietly(Opened opened) {
        try {
            opened.verifier.close();
        } catch (RuntimeException e) {
            LOG.warn("MFA-CORE-010 closing the verifier of MFA configuration '{}' failed: {}", opened.configuration.name(),
                    e.getClass().getName());
        }
    }
}
