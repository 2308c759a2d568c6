package dev.mfa4j.duo.internal;

import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.Ticker;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Opens verifiers for {@link dev.mfa4j.duo.DuoProvider}: the one door into this package. */
public final class DuoVerifiers {

    /** The keywords the provider understands: push, phone and sms, each alone or with 1 to 9. */
    public static final Set<String> KEYWORDS = KeywordChoice.KEYWORDS;

    /** Threads of a verifier's own pool; they exist only while callbacks run, and idle out. */
    private static final int POOL_THREADS = 4;

    private DuoVerifiers() {
    }

    /**
     * @param configuration a {@code duo} configuration
     * @param version the provider version, for the {@code User-Agent}
     * @param ticker the source of elapsed time for every time limit and wait
     * @param clock the wall clock, for signing
     * @return its verifier, with its own HTTP client; no network call is made
     * @throws InvalidConfigurationException if an option is invalid, naming it
     */
    public static MfaVerifier open(MfaConfiguration configuration, String version, Ticker ticker, Clock clock) {
        return open(configuration, Tuning.defaults(version, ticker, clock));
    }

    static DuoVerifier open(MfaConfiguration configuration, Tuning tuning) {
        DuoSettings settings = DuoSettings.from(configuration);
        ExecutorService owned = tuning.executor().isPresent() ? null : pool(settings.name());
        Executor executor = tuning.executor().isPresent() ? tuning.executor().get() : owned;
        HttpClient client;
        try {
            client = HttpClients.build(settings, executor);
        } catch (CertificateException e) {
            shutdown(owned);
            throw new InvalidConfigurationException("Options.CaCertificates", "cannot be read as PEM certificates");
        } catch (GeneralSecurityException | RuntimeException e) {
            shutdown(owned);
            throw new IllegalStateException("cannot set up TLS for Duo: " + e.getClass().getSimpleName(), e);
        }
        return new DuoVerifier(settings, tuning, owned, new TickerTimer(tuning.ticker(), executor), client);
    }

    // A small bounded pool of daemon threads: HTTP callbacks and our continuations are short and
    // never block, so a few threads serve any number of pushes waiting on Duo.
    private static ExecutorService pool(String configuration) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "mfa4j-duo-" + configuration + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(POOL_THREADS, POOL_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static void shutdown(ExecutorService executor) {
        if (executor != null) {
            executor.shutdown();
        }
    }
}
