package dev.mfa4j.benchmarks;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.EnrollmentPrompt;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.spi.EnrollmentData;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.StoredEnrollment;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import dev.mfa4j.core.InMemoryEnrollmentStore;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.testkit.FakeMfaProvider;
import dev.mfa4j.totp.TotpProvider;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * Benchmark 7: {@code MfaService.verify(principal, code)} for a principal enrolled with the
 * {@code totp} provider, against the same call for the testkit's {@code fake} provider (benchmark 2's
 * path), under the same harness, in one JMH run; and the TOTP verifier alone, to split the cost.
 *
 * <p>Both services use the in-memory stores, no sealing and one audit listener. 1,024 principals
 * take turns; every verification must be allowed (a refusal stops the run). The clock is the
 * benchmark's, one for mfa-core and the provider: it stands still while all principals verify
 * once, then jumps 11 minutes, so each principal's passcode claim of the previous round (10
 * minutes) has expired, and, for TOTP, a new time step has a new code. Both paths pay for that
 * jump; TOTP also computes the new step's code once per round (one HMAC per 1,024 verifications).
 *
 * <p>The TOTP principals share one secret, so one code per round serves them all: principal 0 is
 * enrolled through {@code mfa.enrollments()} (begin, then confirm with the current code) and its
 * stored enrollment is copied to the others through the {@code EnrollmentStore} SPI (possible
 * because nothing is sealed here). Each verification still reads its principal's enrollment,
 * decodes the secret and computes the window's three codes: the per-principal cost is all there.
 *
 * <p>On a shared, noisy machine, JMH's forks run one after the other and meet different noise.
 * {@link #main} runs the same three paths in one JVM instead, block by block in turns (a block is
 * one round of 1,024 verifications, timed as a whole), and reports the median time per
 * verification of each path and the median of the per-block differences, which a load change
 * between blocks moves much less: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.mfa4j.benchmarks.TotpVerifyBenchmark [warm-up seconds] [blocks]}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class TotpVerifyBenchmark {

    static final int PRINCIPALS = 1024;
    static final Instant START = Instant.parse("2026-01-01T00:00:10Z");
    /** Longer than mfa-core's default passcode reuse window (10 minutes). */
    static final Duration ROUND = Duration.ofMinutes(11);
    static final String FAKE_PASSCODE = "246810";

    /** What both paths share: the principals, the clock, the events counted. */
    abstract static class Path {
        final PrincipalId[] principals = new PrincipalId[PRINCIPALS];
        final BenchClock clock = new BenchClock(START);
        final LongAdder events = new LongAdder();
        MfaService mfa;
        int next;

        MfaService.Builder builder() {
            for (int i = 0; i < PRINCIPALS; i++) {
                principals[i] = PrincipalId.parse("principal/internal/user/bench" + i);
            }
            return MfaService.builder(ManagementAuthorizer.allowAll()).discoverProviders(false).discoverEventListeners(false)
                    .eventListener(event -> events.increment()).clock(clock);
        }

        /** @return the next principal; at the start of each round, the clock jumps and {@link #newRound()} runs */
        PrincipalId nextPrincipal() {
            int i = next++ & (PRINCIPALS - 1);
            if (i == 0) {
                clock.advance(ROUND);
                newRound();
            }
            return principals[i];
        }

        abstract void newRound();

        static VerificationResult allowed(VerificationResult result) {
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
    }

    /** The fake provider: one configured passcode for everyone. */
    @State(Scope.Thread)
    public static class FakePath extends Path {
        FakeMfaProvider fake;

        @Setup
        public void setUp() {
            fake = new FakeMfaProvider();
            mfa = builder().provider(fake).build();
            mfa.configurations().json().create("{\"Name\":\"bench\",\"Type\":\"fake\",\"Options\":{\"Passcode\":\"" + FAKE_PASSCODE + "\"}}");
            for (PrincipalId principal : principals) {
                mfa.principals().assign(MfaAssignment.of(principal).configuration("bench").providerUserId(principal.name()));
            }
        }

        @Override
        void newRound() {
            fake.reset(); // the fake records every request; keep that record small
        }
    }

    /** The totp provider: every principal enrolled with one shared secret; the current code for everyone. */
    @State(Scope.Thread)
    public static class TotpPath extends Path {
        final InMemoryEnrollmentStore enrollments = new InMemoryEnrollmentStore();
        byte[] key;
        String code;
        MfaVerifier verifier;
        VerificationRequest[] requests;

        @Setup
        public void setUp() {
            mfa = builder().provider(new TotpProvider(clock)).enrollmentStore(enrollments).build();
            mfa.configurations().json().create("{\"Name\":\"bench\",\"Type\":\"totp\",\"Options\":{\"Issuer\":\"Bench\"}}");
            for (PrincipalId principal : principals) {
                mfa.principals().assign(MfaAssignment.of(principal).configuration("bench").providerUserId(principal.name()));
            }
            EnrollmentPrompt.QrCode prompt = (EnrollmentPrompt.QrCode) mfa.enrollments().begin(principals[0]);
            key = Base32Secret.decode(prompt.manualEntry().replace(" ", ""));
            mfa.enrollments().confirm(principals[0], codeAt(clock.instant()));
            for (StoredEnrollment stored : enrollments.list(principals[0])) {
                for (int i = 1; i < PRINCIPALS; i++) {
                    enrollments.put(new StoredEnrollment(principals[i], stored.slot(), stored.data(), 0, stored.updated()), 0);
                }
            }
            // For the verifier alone: the same configuration and the enrollment as mfa-core hands it over.
            EnrollmentData data = enrollments.list(principals[0]).get(0).data();
            verifier = new TotpProvider(clock).open(mfa.configurations().get("bench").orElseThrow());
            requests = new VerificationRequest[PRINCIPALS];
            for (int i = 0; i < PRINCIPALS; i++) {
                requests[i] = new VerificationRequest(principals[i], principals[i].name(), new Credential.Passcode("000000"),
                        VerificationContext.empty(), Optional.of(data));
            }
        }

        @Override
        void newRound() {
            code = codeAt(clock.instant());
            for (int i = 0; i < PRINCIPALS; i++) {
                requests[i] = new VerificationRequest(requests[i].principal(), requests[i].providerUserId(), new Credential.Passcode(code),
                        requests[i].context(), requests[i].enrollment());
            }
        }

        /** RFC 6238 with SHA1, 6 digits, 30 s: what the app shows, computed here once per round. */
        String codeAt(Instant time) {
            try {
                Mac mac = Mac.getInstance("HmacSHA1");
                mac.init(new SecretKeySpec(key, "HmacSHA1"));
                byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(Math.floorDiv(time.getEpochSecond(), 30)).array());
                int offset = hash[hash.length - 1] & 0xf;
                return String.format("%06d", (ByteBuffer.wrap(hash, offset, 4).getInt() & 0x7fffffff) % 1_000_000);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @TearDown
        public void closeVerifier() {
            verifier.close();
        }
    }

    @Benchmark
    public VerificationResult fakeThroughMfaService(FakePath path) {
        return Path.allowed(path.mfa.verify(path.nextPrincipal(), FAKE_PASSCODE));
    }

    @Benchmark
    public VerificationResult totpThroughMfaService(TotpPath path) {
        PrincipalId principal = path.nextPrincipal();
        return Path.allowed(path.mfa.verify(principal, path.code));
    }

    /** The provider's share: the TOTP verifier alone, as mfa-core calls it (no replay guard here, so the same request works). */
    @Benchmark
    public VerificationOutcome totpVerifierAlone(TotpPath path) {
        int i = path.next++ & (PRINCIPALS - 1);
        if (i == 0) {
            path.clock.advance(ROUND);
            path.newRound();
        }
        VerificationOutcome outcome = path.verifier.verify(path.requests[i]).join();
        if (!(outcome instanceof VerificationOutcome.Approved)) {
            throw new IllegalStateException("not approved: " + outcome.reason());
        }
        return outcome;
    }

    /**
     * The paired run: warm-up, then {@code blocks} turns of one block per path, the order rotated
     * each turn; prints one line per path and one for the difference.
     *
     * @param args warm-up seconds (default 30) and blocks (default 2,000)
     */
    public static void main(String[] args) {
        int warmupSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int blocks = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        FakePath fake = new FakePath();
        fake.setUp();
        TotpPath totp = new TotpPath();
        totp.setUp();
        TotpPath alone = new TotpPath();
        alone.setUp();
        TotpVerifyBenchmark benchmark = new TotpVerifyBenchmark();
        java.util.List<java.util.function.Supplier<Object>> paths = java.util.List.of(
                () -> benchmark.fakeThroughMfaService(fake), () -> benchmark.totpThroughMfaService(totp),
                () -> benchmark.totpVerifierAlone(alone));
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
        while (System.nanoTime() < warmupEnd) {
            for (java.util.function.Supplier<Object> path : paths) {
                block(path);
            }
        }
        double[][] perOp = new double[paths.size()][blocks];
        for (int b = 0; b < blocks; b++) {
            for (int k = 0; k < paths.size(); k++) {
                int p = (k + b) % paths.size();
                perOp[p][b] = block(paths.get(p));
            }
        }
        double[] difference = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            difference[b] = perOp[1][b] - perOp[0][b];
        }
        String[] names = {"fake through MfaService", "totp through MfaService", "totp verifier alone"};
        for (int p = 0; p < paths.size(); p++) {
            System.out.println(summary(names[p], perOp[p]));
        }
        System.out.println(summary("totp - fake, per block", difference));
        fake.tearDown();
        totp.tearDown();
        totp.closeVerifier();
        alone.tearDown();
        alone.closeVerifier();
    }

    /** @return nanoseconds per verification over one block of {@link #PRINCIPALS} calls */
    private static double block(java.util.function.Supplier<Object> path) {
        long started = System.nanoTime();
        Object last = null;
        for (int i = 0; i < PRINCIPALS; i++) {
            last = path.get();
        }
        long elapsed = System.nanoTime() - started;
        if (last == null) {
            throw new IllegalStateException("no result");
        }
        return (double) elapsed / PRINCIPALS;
    }

    private static String summary(String name, double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return String.format(java.util.Locale.ROOT, "%-26s median %7.0f ns/op   p25 %7.0f   p75 %7.0f   (%d blocks of %d)", name,
                sorted[sorted.length / 2], sorted[sorted.length / 4], sorted[sorted.length * 3 / 4], sorted.length, PRINCIPALS);
    }

    /** A clock that moves only when the benchmark moves it. */
    static final class BenchClock extends Clock {
        private volatile Instant now;

        BenchClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
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
            throw new UnsupportedOperationException("the benchmark's clock is UTC only, not " + zone);
        }
    }

    /** Base32 (RFC 4648), upper case without padding: the secret as the prompt shows it. */
    static final class Base32Secret {
        private Base32Secret() {
        }

        static byte[] decode(String text) {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            byte[] out = new byte[text.length() * 5 / 8];
            int buffer = 0;
            int bits = 0;
            int written = 0;
            for (int i = 0; i < text.length(); i++) {
                buffer = (buffer << 5) | alphabet.indexOf(text.charAt(i));
                bits += 5;
                if (bits >= 8) {
                    bits -= 8;
                    out[written++] = (byte) (buffer >>> bits);
                    buffer &= (1 << bits) - 1;
                }
            }
            return out;
        }
    }
}
