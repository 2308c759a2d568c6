package dev.mfa4j.core.internal;

import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.MfaVerifier;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open verifier per configuration name, for the configuration exactly as last read from the
 * store. When the store returns something else (a new revision, written here or by another node
 * sharing the store), the next verification opens a new verifier and closes the old one.
 */
public final class VerifierCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VerifierCache.class);

    private record Opened(MfaConfiguration configuration, MfaVerifier verifier) {
    }

    private final ConcurrentHashMap<String, Opened> byName = new ConcurrentHashMap<>();
    private final SecretSealer sealer;
    private volatile boolean closed;

    /** @param sealer opens sealed secrets before a verifier is made */
    public VerifierCache(SecretSealer sealer) {
        this.sealer = sealer;
    }

    /**
     * @param configuration the configuration as just read from the store
     * @param provider its provider
     * @return the verifier for exactly that configuration
     * @throws RuntimeException whatever {@link MfaProvider#open} throws (it is given the
     *     configuration opened, without mfa-core's common options), or a
     *     {@link dev.mfa4j.api.SealedSecretException} if a sealed secret does not open
     */
    public MfaVerifier verifierFor(MfaConfiguration configuration, MfaProvider provider) {
        Opened current = byName.get(configuration.name());
        // Identity first: stores that keep immutable values return the same instance each time.
        if (current != null && (current.configuration() == configuration || current.configuration().equals(configuration))) {
            return current.verifier();
        }
        if (closed) {
            throw new IllegalStateException("the MFA service is closed");
        }
        Opened[] replaced = new Opened[1];
        Opened opened = byName.compute(configuration.name(), (name, existing) -> {
            if (existing != null && existing.configuration().equals(configuration)) {
                return existing;
            }
            replaced[0] = existing;
            return new Opened(configuration, provider.open(CommonOptions.forProvider(sealer.open(configuration))));
        });
        if (replaced[0] != null) {
            LOG.debug("MFA configuration '{}' changed from revision {} to {}: closing the old verifier", configuration.name(),
                    replaced[0].configuration().revision(), configuration.revision());
            closeQuietly(replaced[0]);
        }
        return opened.verifier();
    }

    /**
     * Closes and forgets the verifier of a configuration that was updated or deleted.
     *
     * @param name the configuration name
     */
    public void invalidate(String name) {
        Opened removed = byName.remove(name);
        if (removed != null) {
            closeQuietly(removed);
        }
    }

    /** Closes every verifier. */
    @Override
    public void close() {
        closed = true;
        byName.keySet().forEach(this::invalidate);
    }

    private static void closeQuietly(Opened opened) {
        try {
            opened.verifier().close();
        } catch (RuntimeException e) {
            LOG.warn("MFA-CORE-010 closing the verifier of MFA configuration '{}' failed: {}", opened.configuration().name(),
                    e.getClass().getName());
        }
    }
}
