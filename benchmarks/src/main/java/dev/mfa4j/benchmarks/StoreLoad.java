package dev.mfa4j.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.core.AttemptPolicy;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.store.jdbc.JdbcAttemptStore;
import dev.mfa4j.store.jdbc.JdbcMfaConfigurationStore;
import dev.mfa4j.testkit.FakeMfaProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Benchmark 8, one node: passcode verifications against PostgreSQL from this JVM, closed loop, on a
 * HikariCP pool whose connections count their round trips ({@link RoundTripCountingSocketFactory}).
 * Started by {@link StoreBenchmark}, which starts one or two of these and the database sampling
 * around the same windows. Subjects ({@code --subject}):
 *
 * <ul>
 *   <li>{@code mfa4j}: {@code MfaService.verifyAsync} over {@code JdbcMfaConfigurationStore} and
 *       {@code JdbcAttemptStore}, the testkit's {@code fake} provider (it answers at once, so the
 *       store is what is measured);</li>
 *   <li>{@code mfa4j-cache}: the same with {@code JdbcMfaConfigurationStore}'s lookup cache on,
 *       checking for other nodes' changes every {@code --lookup-cache} seconds (5 by default): a
 *       principal looked up before costs no assignment read while nothing changes;</li>
 *   <li>{@code floor}: {@link StoreFloor}, bare JDBC doing the least the job needs;</li>
 *   <li>{@code duo}: mfa4j with a {@code duo} configuration against the simulator, end to end.</li>
 * </ul>
 *
 * Principals are {@code principal/internal/user/u<7 digits>}, {@code --principals} of them,
 * assigned to configuration {@code bench}; the k-th call of node n of N is principal
 * {@code ((k*N + n) * 1000003) mod principals}, so calls spread over the whole key range and the
 * nodes never share one within a cycle. The fake's passcode is one for everyone, so the service's
 * clock runs {@code --speed} times as fast as the wall clock (StoreBenchmark: 10,000) from {@code --clock-origin} (shared
 * by both nodes): a principal's used passcode has expired (10 minutes) before its turn returns.
 *
 * <p>Protocol on standard input and output: prints {@code READY} once its pool is full; reads
 * {@code START <epoch millis>}; then {@code --warmup} s at concurrency 16, then per level of
 * {@code --levels} {@code --settle} s, then {@code --measure} s measured; prints one
 * {@code RESULT <json>} line per level and exits. In {@code --mode lockout}, instead: at START,
 * {@code --burst} threads send one wrong passcode each (all different) for one principal
 * ({@code target}) at once, with the real clock.
 */
public final class StoreLoad {

    static final String CONFIGURATION = "bench";
    static final String PASSCODE = "24681357";
    private static final long SPREAD = 1_000_003L;

    private final Map<String, String> args;
    private final int node;
    private final int nodes;
    private final long principals;
    private final AtomicLong next = new AtomicLong();
    private final Recorder latency = new Recorder(3);
    private final LongAdder completed = new LongAdder();
    private final LongAdder allowed = new LongAdder();
    private final Map<String, Long> failures = new ConcurrentHashMap<>();
    private volatile int active;
    private final Object gate = new Object();
    private volatile boolean measuring;
    private volatile boolean stopped;

    private StoreLoad(Map<String, String> args) {
        this.args = args;
        this.node = Integer.parseInt(args.getOrDefault("node", "0"));
        this.nodes = Integer.parseInt(args.getOrDefault("nodes", "1"));
        this.principals = Long.parseLong(args.getOrDefault("principals", "10000"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = Simulated.args(argv);
        StoreLoad load = new StoreLoad(args);
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Object>> results = "lockout".equals(args.get("mode")) ? List.of(load.lockout()) : load.run();
        for (Map<String, Object> result : results) {
            System.out.println("RESULT " + json.writeValueAsString(result));
        }
        System.out.flush();
        System.exit(0);
    }

    static String principalName(long i) {
        // Not String.format: with its locale lookups it was a sixth of a node's CPU, paid by every subject alike.
        String digits = Long.toString(i);
        return digits.length() >= 7 ? "u" + digits : "u" + "0000000".substring(digits.length()) + digits;
    }

    static String principalPath(long i) {
        return "principal/internal/user/" + principalName(i);
    }

    /** The pool every subject uses: HikariCP, {@code --pool} connections, round trips counted. */
    static HikariDataSource pool(Map<String, String> args, String name) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(args.getOrDefault("url", System.getenv("MFA4J_TEST_POSTGRES_URL")));
        config.setUsername(args.getOrDefault("user", System.getenv("MFA4J_TEST_POSTGRES_USER")));
        config.setPassword(args.getOrDefault("password", System.getenv("MFA4J_TEST_POSTGRES_PASSWORD")));
        config.setMaximumPoolSize(Integer.parseInt(args.getOrDefault("pool", "10")));
        config.setConnectionTimeout(10_000);
        config.addDataSourceProperty("socketFactory", RoundTripCountingSocketFactory.class.getName());
        return new HikariDataSource(config);
    }

    /** The service clock: {@code speed} times the wall clock from {@code origin}, the same on every node. */
    static Clock clock(Map<String, String> args) {
        long origin = Long.parseLong(args.getOrDefault("clock-origin", "0"));
        long speed = Long.parseLong(args.getOrDefault("speed", "1"));
        if (speed == 1) {
            return Clock.systemUTC();
        }
        Instant start = Instant.ofEpochMilli(origin);
        return new Clock() {
            @Override
            public Instant instant() {
                long elapsedMicros = java.time.temporal.ChronoUnit.MICROS.between(start, Instant.now());
                return start.plus(elapsedMicros * speed, java.time.temporal.ChronoUnit.MICROS);
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static void awaitFull(HikariDataSource pool) throws InterruptedException {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (bean.getTotalConnections() < pool.getMaximumPoolSize() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static long awaitStart() throws Exception {
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null || !line.startsWith("START ")) {
            throw new IllegalStateException("expected START <millis>, got " + line);
        }
        return Long.parseLong(line.substring(6).strip());
    }

    private static void sleepUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    /** One verification, started and ended on the calling thread. */
    private interface Call {
        Outcome run(long k) throws Exception;
    }

    private enum Outcome { ALLOWED, REFUSED }

    List<Map<String, Object>> run() throws Exception {
        String subject = args.get("subject");
        String prefix = args.getOrDefault("prefix", "b8_");
        HikariDataSource pool = pool(args, "node" + node);
        Clock clock = clock(args);
        AttemptPolicy policy = AttemptPolicy.defaults();
        MfaService mfa = null;
        FakeMfaProvider fake = new FakeMfaProvider();
        Call call;
        switch (subject) {
            case "mfa4j", "mfa4j-cache" -> {
                JdbcMfaConfigurationStore.Builder store = JdbcMfaConfigurationStore.builder(pool).tablePrefix(prefix).migrate(false);
                if (subject.equals("mfa4j-cache")) {
                    store.lookupCache(Duration.ofSeconds(Long.parseLong(args.getOrDefault("lookup-cache", "5"))));
                }
                mfa = MfaService.builder(ManagementAuthorizer.allowAll())
                        .store(store.build())
                        .attemptStore(JdbcAttemptStore.builder(pool).tablePrefix(prefix).migrate(false).build())
                        .provider(fake).discoverProviders(false).discoverEventListeners(false).clock(clock).build();
                MfaService service = mfa;
                call = k -> {
                    PrincipalId principal = PrincipalId.parse(principalPath(spread(k)));
                    VerificationResult result = service.verifyAsync(principal, PASSCODE).join();
                    return outcome(result.reason());
                };
            }
            case "floor" -> {
                StoreFloor floor = new StoreFloor(pool, prefix, PASSCODE);
                call = k -> {
                    StoreFloor.Outcome outcome = floor.verify(principalPath(spread(k)), CONFIGURATION, PASSCODE, clock.instant(),
                            policy.maxFailures(), policy.coolDown(), policy.passcodeReuseWindow());
                    if (outcome != StoreFloor.Outcome.ACCEPTED) {
                        failures.merge("floor: " + outcome, 1L, Long::sum);
                        return Outcome.REFUSED;
                    }
                    return Outcome.ALLOWED;
                };
            }
            case "duo" -> {
                // Every call a fresh, valid passcode of the simulator: user bench<k % users>, passcode 10000000 + k / users.
                mfa = MfaService.builder(ManagementAuthorizer.allowAll())
                        .store(JdbcMfaConfigurationStore.builder(pool).tablePrefix(prefix).migrate(false).build())
                        .attemptStore(JdbcAttemptStore.builder(pool).tablePrefix(prefix).migrate(false).build())
                        .discoverEventListeners(false).build();
                MfaService service = mfa;
                int users = Integer.parseInt(args.getOrDefault("users", "1000"));
                long offset = Long.parseLong(args.getOrDefault("offset", "0"));
                long limit = Long.parseLong(args.getOrDefault("limit", "350000"));
                call = k -> {
                    if (k >= limit) {
                        stopped = true;
                        return Outcome.REFUSED;
                    }
                    long i = offset + k;
                    VerificationResult result = service.verifyAsync(Simulated.principal("bench" + (i % users)),
                            Long.toString(10_000_000L + i / users)).join();
                    return outcome(result.reason());
                };
            }
            default -> throw new IllegalArgumentException("--subject mfa4j | mfa4j-cache | floor | duo");
        }
        awaitFull(pool);
        int[] levels = java.util.Arrays.stream(args.getOrDefault("levels", "1,16,64").split(",")).mapToInt(Integer::parseInt).toArray();
        int warmup = Integer.parseInt(args.getOrDefault("warmup", "15"));
        int settle = Integer.parseInt(args.getOrDefault("settle", "3"));
        int measure = Integer.parseInt(args.getOrDefault("measure", "10"));
        int maxLevel = Math.max(16, java.util.Arrays.stream(levels).max().orElse(16));
        CountDownLatch done = new CountDownLatch(maxLevel);
        for (int t = 0; t < maxLevel; t++) {
            int index = t;
            Thread worker = new Thread(() -> work(index, call, done), "caller-" + t);
            worker.setDaemon(true);
            worker.start();
        }
        long start = awaitStart();
        List<Map<String, Object>> results = new ArrayList<>();
        setActive(16);
        long at = start + warmup * 1000L;
        sleepUntil(at);
        for (int level : levels) {
            setActive(level);
            at += settle * 1000L;
            sleepUntil(at);
            if (fake != null) {
                fake.reset(); // its request log would grow by every call
            }
            Map<String, Object> result = window(pool, at, at + measure * 1000L);
            at += measure * 1000L;
            result.put("subject", subject);
            result.put("concurrency", level);
            result.put("node", node);
            results.add(result);
        }
        stopped = true;
        setActive(0);
        done.await(30, TimeUnit.SECONDS);
        if (mfa != null) {
            mfa.close();
        }
        pool.close();
        return results;
    }

    /** Lets the first {@code level} callers run; the others wait without using CPU. */
    private void setActive(int level) {
        synchronized (gate) {
            active = level;
            gate.notifyAll();
        }
    }

    private static Outcome outcome(Reason reason) {
        return reason == Reason.APPROVED ? Outcome.ALLOWED : Outcome.REFUSED;
    }

    /** The k-th call's principal: spread over the key range, never another node's within a cycle. */
    private long spread(long k) {
        return Math.floorMod((k * nodes + node) * SPREAD, principals);
    }

    private void work(int index, Call call, CountDownLatch done) {
        try {
            while (!stopped) {
                if (index >= active) {
                    synchronized (gate) {
                        while (index >= active && !stopped) {
                            gate.wait();
                        }
                    }
                    continue;
                }
                boolean inWindow = measuring;
                long begin = System.nanoTime();
                Outcome outcome;
                try {
                    outcome = call.run(next.getAndIncrement());
                } catch (Exception | Error e) {
                    failures.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                    outcome = Outcome.REFUSED;
                }
                long end = System.nanoTime();
                if (measuring) {
                    completed.increment();
                    if (outcome == Outcome.ALLOWED) {
                        allowed.increment();
                    }
                    if (inWindow) {
                        latency.recordValue(Math.max(1, (end - begin) / 1000));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            done.countDown();
        }
    }

    /** Measures from {@code from} to {@code to} (epoch millis): completions, latency, CPU, round trips, connections. */
    private Map<String, Object> window(HikariDataSource pool, long from, long to) throws InterruptedException {
        latency.reset();
        completed.reset();
        allowed.reset();
        failures.clear();
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        Map<String, Long> ticks0 = JvmStats.cpuTicksByThread();
        long cpu0 = JvmStats.processCpuNanos();
        long trips0 = RoundTripCountingSocketFactory.roundTrips();
        long sent0 = RoundTripCountingSocketFactory.bytesSent();
        long received0 = RoundTripCountingSocketFactory.bytesReceived();
        long t0 = System.nanoTime();
        measuring = true;
        long samples = 0;
        long activeSum = 0;
        long waitingSum = 0;
        int activeMax = 0;
        while (System.currentTimeMillis() < to) {
            int inUse = bean.getActiveConnections();
            activeSum += inUse;
            activeMax = Math.max(activeMax, inUse);
            waitingSum += bean.getThreadsAwaitingConnection();
            samples++;
            Thread.sleep(20);
        }
        measuring = false;
        long t1 = System.nanoTime();
        long cpu1 = JvmStats.processCpuNanos();
        Map<String, Long> ticks1 = JvmStats.cpuTicksByThread();
        long jitMillis = 0;
        Map<String, Long> byThread = new TreeMap<>();
        for (Map.Entry<String, Long> e : ticks1.entrySet()) {
            long millis = (e.getValue() - ticks0.getOrDefault(e.getKey(), 0L)) * 10;
            if (millis > 0) {
                byThread.put(e.getKey(), millis);
            }
            if (e.getKey().contains("CompilerThre")) {
                jitMillis += millis;
            }
        }
        long trips1 = RoundTripCountingSocketFactory.roundTrips();
        long sent1 = RoundTripCountingSocketFactory.bytesSent();
        long received1 = RoundTripCountingSocketFactory.bytesReceived();
        Histogram h = latency.getIntervalHistogram();
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        long n = completed.sum();
        double seconds = (t1 - t0) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("windowStart", from);
        out.put("windowEnd", to);
        out.put("seconds", seconds);
        out.put("completed", n);
        out.put("allowed", allowed.sum());
        out.put("throughputPerSecond", n / seconds);
        out.put("p50Millis", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(50) / 1000.0);
        out.put("p99Millis", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(99) / 1000.0);
        out.put("histogram", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length)));
        out.put("clientCpuNanos", cpu1 - cpu0);
        // The JIT compiler threads' share, from /proc (10 ms ticks): warm-up left-overs, not per-call work.
        out.put("jitCpuNanos", jitMillis * 1_000_000L);
        out.put("cpuMillisByThread", byThread);
        out.put("roundTrips", trips1 - trips0);
        out.put("bytesSent", sent1 - sent0);
        out.put("bytesReceived", received1 - received0);
        out.put("poolSize", pool.getMaximumPoolSize());
        out.put("connectionsInUseMean", samples == 0 ? 0 : activeSum / (double) samples);
        out.put("connectionsInUseMax", activeMax);
        out.put("threadsAwaitingConnectionMean", samples == 0 ? 0 : waitingSum / (double) samples);
        out.put("failures", new TreeMap<>(failures));
        return out;
    }

    /** Exact lockout under load: {@code --burst} wrong passcodes for one principal at once, with the real clock. */
    Map<String, Object> lockout() throws Exception {
        String prefix = args.getOrDefault("prefix", "b8_");
        int burst = Integer.parseInt(args.getOrDefault("burst", "64"));
        HikariDataSource pool = pool(args, "node" + node);
        FakeMfaProvider fake = new FakeMfaProvider();
        MfaService mfa = MfaService.builder(ManagementAuthorizer.allowAll())
                .store(JdbcMfaConfigurationStore.builder(pool).tablePrefix(prefix).migrate(false).build())
                .attemptStore(JdbcAttemptStore.builder(pool).tablePrefix(prefix).migrate(false).build())
                .provider(fake).discoverProviders(false).discoverEventListeners(false).build();
        PrincipalId target = PrincipalId.parse("principal/internal/user/target");
        awaitFull(pool);
        CountDownLatch ready = new CountDownLatch(burst);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        Map<Reason, LongAdder> reasons = new ConcurrentHashMap<>();
        for (int t = 0; t < burst; t++) {
            // A different wrong code each, as a guesser sends: the same code twice would be refused as a replay
            // without reaching the provider, and hide how many attempts the store admitted.
            String wrong = Long.toString(90_000_000L + node * 10_000L + t);
            Thread thread = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    Reason reason = mfa.verifyAsync(target, wrong).join().reason();
                    reasons.computeIfAbsent(reason, r -> new LongAdder()).increment();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            threads.add(thread);
        }
        ready.await();
        long start = awaitStart();
        sleepUntil(start);
        go.countDown();
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node", node);
        out.put("sent", burst);
        Map<String, Long> tally = new TreeMap<>();
        reasons.forEach((reason, count) -> tally.put(reason.name(), count.sum()));
        out.put("reasons", tally);
        out.put("providerCalls", fake.requests().size());
        mfa.close();
        pool.close();
        return out;
    }
}
