package dev.mfa4j.benchmarks;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.testkit.FakeMfaProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 2: what {@code MfaService.verify(principal, passcode)} costs around the provider: the
 * credential parse, two store reads (in-memory store), the verifier cache, the attempt gate (count,
 * passcode claim with its SHA-256 fingerprint, settle), the timeout guard, the result and one audit
 * event delivered to a listener. The provider is the testkit's {@code fake}, which answers at once.
 *
 * <p>1,024 principals take turns, each typing the configuration's one right passcode. So that the
 * replay guard does not refuse a passcode typed again, the service's clock moves one second per
 * reading: a principal's previous claim has expired (10 minutes) when its turn comes back, and the
 * store's sweep keeps its memory small. Every result is checked to be allowed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class VerifyOverheadBenchmark {

    static final String PASSCODE = "246810";

    private final PrincipalId[] principals = new PrincipalId[1024];
    private final LongAdder events = new LongAdder();
    private FakeMfaProvider fake;
    private MfaService mfa;
    private int next;

    @Setup
    public void setUp() {
        fake = new FakeMfaProvider();
        mfa = MfaService.builder(ManagementAuthorizer.allowAll())
                .provider(fake)
                .discoverProviders(false)
                .discoverEventListeners(false)
                .eventListener(event -> events.increment())
                .clock(new SteppingClock(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(1)))
                .build();
        mfa.configurations().json().create("{\"Name\":\"bench\",\"Type\":\"fake\",\"Options\":{\"Passcode\":\"" + PASSCODE + "\"}}");
        for (int i = 0; i < principals.length; i++) {
            principals[i] = PrincipalId.parse("principal/internal/user/bench" + i);
            mfa.principals().assign(MfaAssignment.of(principals[i]).configuration("bench").providerUserId("user" + i));
        }
    }

    @Benchmark
    public VerificationResult verify() {
        int i = next++;
        if ((i & 4095) == 0) {
            fake.reset(); // the fake records every request; keep that record small
        }
        VerificationResult result = mfa.verify(principals[i & (principals.length - 1)], PASSCODE);
        if (!result.allowed()) {
            throw new IllegalStateException("not allowed: " + result.reason());
        }
        return result;
    }

    @TearDown
    public void tearDown() {
        if (events.sum() == 0) {
            throw new IllegalStateException("no audit event was delivered");
        }
        mfa.close();
    }

    /** A clock that moves a fixed step each time it is read. */
    static final class SteppingClock extends Clock {
        private final AtomicLong nanos;
        private final long step;

        SteppingClock(Instant start, Duration step) {
            this.nanos = new AtomicLong(start.getEpochSecond() * 1_000_000_000L);
            this.step = step.toNanos();
        }

        @Override
        public Instant instant() {
            long now = nanos.getAndAdd(step);
            return Instant.ofEpochSecond(0, now);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            if (ZoneOffset.UTC.equals(zone)) {
                return this;
            }
            throw new UnsupportedOperationException("the benchmark's stepping clock is UTC only, not " + zone);
        }
    }
}
