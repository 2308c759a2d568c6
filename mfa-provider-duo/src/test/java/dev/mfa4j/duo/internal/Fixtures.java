package dev.mfa4j.duo.internal;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.ProgressListener;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.Ticker;
import dev.mfa4j.api.spi.VerificationRequest;
import dev.mfa4j.testkit.ManualTicker;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Shared test values: Duo's documentation credentials, a user, configurations and requests. */
final class Fixtures {

    static final String IKEY = "DIWJ8X6AEYOR5OMC6TQ1";
    static final String SKEY = "Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep";
    static final String USER_ID = "DUYHV6TJBC3O4RITS1WC";
    static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");

    private Fixtures() {
    }

    /** @return daemon threads, four of them: every test's HTTP callbacks fit in these */
    static ExecutorService executor() {
        return Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "duo-test-callback");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @return tuning for tests: a ticker of its own that nobody advances, so no time limit passes
     *     unless a test says so; no pause between polls; retries without jitter; our executor
     */
    static Tuning tuning(ExecutorService executor, Clock clock) {
        return tuning(executor, clock, new ManualTicker());
    }

    /** @return as {@link #tuning(ExecutorService, Clock)}, on the test's ticker */
    static Tuning tuning(ExecutorService executor, Clock clock, Ticker ticker) {
        return new Tuning(clock, ticker, Optional.of(executor), Duration.ofMillis(20), Duration.ZERO, "mfa4j-duo/test", half -> 0,
                ExchangeGate.DEFAULT_MAX_EXCHANGES);
    }

    /**
     * @param host the stub's host
     * @param extra more options, as name, value, name, value...
     * @return a configuration trusting the test CA
     */
    static MfaConfiguration config(String host, String... extra) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("Host", host);
        options.put("IntegrationKey", IKEY);
        options.put("SecretKey", SKEY);
        options.put("CaCertificates", TestPki.TRUSTED.pem());
        for (int i = 0; i < extra.length; i += 2) {
            options.put(extra[i], extra[i + 1]);
        }
        return MfaConfiguration.of("duo-test", "duo", options);
    }

    static DuoVerifier open(DuoStub stub, ExecutorService executor, String... extra) {
        return DuoVerifiers.open(config(stub.host(), extra), tuning(executor, Clock.systemUTC()));
    }

    /** @return a verifier of the stub whose time limits and waits pass when the test advances {@code ticker} */
    static DuoVerifier open(DuoStub stub, ExecutorService executor, ManualTicker ticker, String... extra) {
        return DuoVerifiers.open(config(stub.host(), extra), tuning(executor, Clock.systemUTC(), ticker));
    }

    /**
     * Lets time pass for a verifier: advances its ticker and hands on at once whatever that set
     * off, as the timer's own thread would within a tick.
     */
    static void pass(DuoVerifier verifier, ManualTicker ticker, Duration time) {
        ticker.advance(time);
        verifier.timer().sweep();
    }

    static VerificationRequest request(Credential credential) {
        return request(credential, ProgressListener.NONE);
    }

    static VerificationRequest request(Credential credential, ProgressListener listener) {
        return new VerificationRequest(BOB, USER_ID, credential,
                VerificationContext.builder().clientIp("203.0.113.7").requestId("test-1").progressListener(listener).build());
    }

    static VerificationRequest passcode(String digits) {
        return request(new Credential.Passcode(digits));
    }

    static VerificationRequest keyword(String keyword) {
        return request(new Credential.Keyword(keyword));
    }

    /** @return the outcome, waiting at most 60 s (tests never get near it) */
    static VerificationOutcome await(java.util.concurrent.CompletableFuture<VerificationOutcome> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the verification did not complete normally", e);
        }
    }
}
