package dev.mfa4j.benchmarks;

import com.duosecurity.client.Auth;
import com.duosecurity.client.Http;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.core.MfaService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.json.JSONObject;

/**
 * Benchmark 3: passcode verifications end to end over loopback HTTPS against the Duo simulator
 * (another JVM), closed loop with {@code --concurrency} in flight, for one client per run:
 *
 * <ul>
 *   <li>{@code mfa4j}: {@code MfaService.verifyAsync(principal, passcode)} with a {@code duo}
 *       configuration (keep-alive connections of the provider's one HttpClient);</li>
 *   <li>{@code duo-client}: Duo's client 0.7.1, one request object per call as its README shows,
 *       on {@code --concurrency} threads (it has no asynchronous API);</li>
 *   <li>{@code floor}: {@code java.net.http} {@code sendAsync} of requests signed before the run
 *       (bare-JDK v5 signing), keep-alive, answer read as bytes and checked for {@code "allow"}.</li>
 * </ul>
 *
 * Every call is a fresh, valid passcode: call {@code k} (from {@code --offset}) is user
 * {@code bench<k % users>}, passcode {@code 10000000 + k / users}, as SimulatorConfigs wrote them.
 * One JVM runs one client: {@code --warmup} seconds at concurrency 16 (JIT), then for each level
 * of {@code --concurrency} (default 1,16,64) {@code --settle} seconds, then {@code --measure}
 * seconds measured: completions per second, latency (HdrHistogram, calls started in the window),
 * process CPU time per completion (also without the JIT compiler threads' share), context
 * switches. Prints one JSON line per level, starting with {@code RESULT }.
 */
public final class PasscodeLoad {

    private final Simulated simulator;
    private final long offset;
    private final long limit;
    private final int users;
    private final AtomicLong next = new AtomicLong();
    private final Recorder latency = new Recorder(3);
    private final LongAdder completedInWindow = new LongAdder();
    private final LongAdder allowedInWindow = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<String, Long> failures = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean measuring;
    private volatile boolean stopped;

    private PasscodeLoad(Simulated simulator, long offset, long limit, int users) {
        this.simulator = simulator;
        this.offset = offset;
        this.limit = limit;
        this.users = users;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = Simulated.args(argv);
        String client = args.get("client");
        int[] levels = java.util.Arrays.stream(args.getOrDefault("concurrency", "1,16,64").split(","))
                .mapToInt(Integer::parseInt).toArray();
        PasscodeLoad load = new PasscodeLoad(Simulated.from(args), Long.parseLong(args.get("offset")),
                Long.parseLong(args.getOrDefault("limit", "150000")), Integer.parseInt(args.getOrDefault("users", "1000")));
        List<Map<String, Object>> results = load.run(client, Integer.parseInt(args.getOrDefault("warmup", "20")), levels,
                Integer.parseInt(args.getOrDefault("settle", "3")), Integer.parseInt(args.getOrDefault("measure", "10")));
        ObjectMapper json = new ObjectMapper();
        for (Map<String, Object> result : results) {
            result.put("round", args.getOrDefault("round", "1"));
            System.out.println("RESULT " + json.writeValueAsString(result));
        }
        System.out.flush();
        if (client.equals("duo-client")) {
            Runtime.getRuntime().halt(0); // its OkHttp pools keep non-daemon threads and sockets
        }
        // A normal exit runs shutdown hooks, so a flight recording (-XX:StartFlightRecording) is written.
        System.exit(0);
    }

    private String user(long k) {
        return "bench" + (k % users);
    }

    private String passcode(long k) {
        return Long.toString(10_000_000L + k / users);
    }

    /** @return the next call's index, or -1 when stopping or the passcode slice is used up */
    private long take() {
        if (stopped) {
            return -1;
        }
        long i = next.getAndIncrement();
        return i < limit ? offset + i : -1;
    }

    private void record(long startNanos, boolean inWindow, boolean allowed, Throwable failure) {
        long end = System.nanoTime();
        if (failure != null) {
            failed.increment();
            failures.merge(failure instanceof NotAllowed ? "not allowed: " + failure.getMessage() : rootName(failure), 1L, Long::sum);
        }
        if (measuring) {
            completedInWindow.increment();
            if (allowed) {
                allowedInWindow.increment();
            }
            if (inWindow) {
                latency.recordValue(Math.max(1, (end - startNanos) / 1000));
            }
        }
    }

    private static String rootName(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }

    /** Starts {@code concurrency} callers of the client; each stops when {@link #take()} says so. */
    private interface Callers {
        void start(int concurrency, CountDownLatch drained) throws Exception;
    }

    List<Map<String, Object>> run(String client, int warmupSeconds, int[] levels, int settleSeconds, int measureSeconds)
            throws Exception {
        ExecutorService owned = null;
        MfaService mfa = null;
        Callers callers;
        switch (client) {
            case "mfa4j" -> {
                mfa = simulator.mfaService(users, i -> "bench" + i, Map.of());
                MfaService service = mfa;
                PrincipalId[] principals = new PrincipalId[users];
                for (int i = 0; i < users; i++) {
                    principals[i] = Simulated.principal("bench" + i);
                }
                callers = (concurrency, drained) -> {
                    for (int c = 0; c < concurrency; c++) {
                        mfa4jChain(service, principals, drained);
                    }
                };
            }
            case "duo-client" -> {
                simulator.installAsJvmTrustStore();
                String pin = simulator.okHttpPin();
                callers = (concurrency, drained) -> {
                    for (int c = 0; c < concurrency; c++) {
                        Thread thread = new Thread(() -> duoClientLoop(pin, drained), "duo-client-" + c);
                        thread.setDaemon(true);
                        thread.start();
                    }
                };
            }
            case "floor" -> {
                owned = Executors.newFixedThreadPool(4, r -> {
                    Thread t = new Thread(r, "floor-http");
                    t.setDaemon(true);
                    return t;
                });
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(simulator.sslContext())
                        .executor(owned).connectTimeout(Duration.ofSeconds(30)).build();
                PreSigned signed = new PreSigned(simulator, (int) limit);
                for (long i = 0; i < limit; i++) {
                    signed.sign((int) i, user(offset + i), passcode(offset + i));
                }
                callers = (concurrency, drained) -> {
                    for (int c = 0; c < concurrency; c++) {
                        floorChain(http, signed, drained);
                    }
                };
            }
            default -> throw new IllegalArgumentException("--client mfa4j | duo-client | floor");
        }
        List<Map<String, Object>> results = new ArrayList<>();
        // JIT warm-up of the whole client (and of the simulator's answers), not measured.
        phase(callers, 16, warmupSeconds, false);
        for (int concurrency : levels) {
            phase(callers, concurrency, settleSeconds, false);
            Map<String, Object> result = phase(callers, concurrency, measureSeconds, true);
            result.put("client", client);
            results.add(result);
        }
        if (mfa != null) {
            mfa.close();
        }
        if (owned != null) {
            owned.shutdownNow();
        }
        return results;
    }

    /** Runs {@code concurrency} callers for {@code seconds}, then stops them and waits for them. */
    private Map<String, Object> phase(Callers callers, int concurrency, int seconds, boolean measured) throws Exception {
        stopped = false;
        CountDownLatch drained = new CountDownLatch(concurrency);
        callers.start(concurrency, drained);
        if (!measured) {
            Thread.sleep(seconds * 1000L);
            stopped = true;
            drained.await(60, TimeUnit.SECONDS);
            return Map.of();
        }
        JvmStats.resetPeakThreads();
        latency.reset();
        completedInWindow.reset();
        allowedInWindow.reset();
        long failedBefore = failed.sum();
        failures.clear();
        long switches0 = JvmStats.contextSwitches();
        Map<String, Long> ticks0 = JvmStats.cpuTicksByThread();
        long allocated0 = JvmStats.allocatedBytes();
        long cpu0 = JvmStats.processCpuNanos();
        long t0 = System.nanoTime();
        measuring = true;
        long deadline = t0 + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && next.get() < limit) {
            Thread.sleep(20);
        }
        measuring = false;
        long t1 = System.nanoTime();
        long cpu1 = JvmStats.processCpuNanos();
        long allocated1 = JvmStats.allocatedBytes();
        long switches1 = JvmStats.contextSwitches();
        Map<String, Long> ticks1 = JvmStats.cpuTicksByThread();
        stopped = true;
        boolean allDrained = drained.await(60, TimeUnit.SECONDS);

        org.HdrHistogram.Histogram h = latency.getIntervalHistogram();
        double elapsed = (t1 - t0) / 1e9;
        long completed = completedInWindow.sum();
        Map<String, Long> byThread = new java.util.TreeMap<>();
        long compilerMillis = 0;
        for (Map.Entry<String, Long> e : ticks1.entrySet()) {
            long millis = (e.getValue() - ticks0.getOrDefault(e.getKey(), 0L)) * 10;
            if (millis > 0) {
                byThread.put(e.getKey(), millis);
                if (e.getKey().contains("CompilerThre")) {
                    compilerMillis += millis;
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "passcode-load");
        out.put("concurrency", concurrency);
        out.put("seconds", Math.round(elapsed * 100) / 100.0);
        out.put("completed", completed);
        out.put("allowed", allowedInWindow.sum());
        out.put("throughputPerSecond", Math.round(completed / elapsed * 10) / 10.0);
        out.put("p50Millis", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(50) / 1000.0);
        out.put("p99Millis", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(99) / 1000.0);
        out.put("cpuMicrosPerVerify", completed == 0 ? null : Math.round((cpu1 - cpu0) / 1000.0 / completed * 10) / 10.0);
        // The JIT compiler threads' share, from /proc (10 ms ticks): warm-up left-overs, not per-call work.
        out.put("cpuMicrosPerVerifyWithoutJit", completed == 0 ? null
                : Math.round(((cpu1 - cpu0) / 1000.0 - compilerMillis * 1000.0) / completed * 10) / 10.0);
        // Heap bytes allocated by the threads alive throughout (pool threads live on; a thread
        // that ended in the window drops out): what the GC has to clear per call.
        out.put("allocatedBytesPerVerify", completed == 0 || allocated0 < 0 ? null : Math.round((allocated1 - allocated0) / (double) completed));
        out.put("contextSwitchesPerVerify", completed == 0 ? null : Math.round((switches1 - switches0) * 10.0 / completed) / 10.0);
        out.put("cpuCoresBusy", Math.round((cpu1 - cpu0) / (double) (t1 - t0) * 100) / 100.0);
        out.put("cpuMillisByThread", byThread);
        out.put("sliceExhausted", next.get() >= limit);
        out.put("failed", failed.sum() - failedBefore);
        out.put("failures", new java.util.TreeMap<>(failures));
        out.put("peakThreads", JvmStats.peakThreads());
        out.put("drained", allDrained);
        return out;
    }

    // ---- mfa4j: asynchronous, each completion starts the next call -------------------------

    private void mfa4jChain(MfaService mfa, PrincipalId[] principals, CountDownLatch drained) {
        long k = take();
        if (k < 0) {
            drained.countDown();
            return;
        }
        boolean inWindow = measuring;
        long start = System.nanoTime();
        CompletableFuture<dev.mfa4j.api.VerificationResult> f;
        try {
            f = mfa.verifyAsync(principals[(int) (k % users)], passcode(k));
        } catch (RuntimeException e) {
            record(start, inWindow, false, e);
            drained.countDown();
            return;
        }
        f.whenComplete((r, e) -> {
            boolean allowed = e == null && r.reason() == Reason.APPROVED;
            record(start, inWindow, allowed, e != null ? e : allowed ? null : new NotAllowed(r.reason()));
            mfa4jChain(mfa, principals, drained);
        });
    }

    // ---- duo-client: one blocked thread per call in flight ----------------------------------

    private void duoClientLoop(String pin, CountDownLatch drained) {
        try {
            for (long k = take(); k >= 0; k = take()) {
                boolean inWindow = measuring;
                long start = System.nanoTime();
                try {
                    Auth.AuthBuilder builder = new Auth.AuthBuilder("POST", simulator.host(), BenchKeys.AUTH_PATH);
                    builder.useCustomCertificates(new String[] {pin});
                    Http request = builder.build();
                    request.addParam("username", user(k));
                    request.addParam("factor", "passcode");
                    request.addParam("passcode", passcode(k));
                    request.signRequest(BenchKeys.IKEY, BenchKeys.SKEY);
                    JSONObject response = (JSONObject) request.executeRequest();
                    boolean allowed = "allow".equals(response.optString("result"));
                    record(start, inWindow, allowed, allowed ? null : new NotAllowed(response.optString("status")));
                } catch (Exception | Error e) {
                    record(start, inWindow, false, e);
                }
            }
        } finally {
            drained.countDown();
        }
    }

    // ---- floor: java.net.http with bytes signed before the run ------------------------------

    /** Bodies and headers signed before the run, by the bare-JDK signer. */
    static final class PreSigned {
        final URI uri;
        final byte[][] bodies;
        final String[] dates;
        final String[] authorizations;
        final BenchKeys.JdkV5Signer signer;

        PreSigned(Simulated simulator, int count) {
            uri = URI.create("https://" + simulator.apiHost() + BenchKeys.AUTH_PATH);
            bodies = new byte[count][];
            dates = new String[count];
            authorizations = new String[count];
            signer = new BenchKeys.JdkV5Signer(simulator.apiHost());
        }

        void sign(int i, String user, String passcode) {
            bodies[i] = BenchKeys.JdkV5Signer.passcodeBody(user, passcode);
            dates[i] = signer.date();
            authorizations[i] = signer.authorization(dates[i], BenchKeys.AUTH_PATH, bodies[i]);
        }
    }

    private static final byte[] ALLOW = "\"result\": \"allow\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ALLOW_COMPACT = "\"result\":\"allow\"".getBytes(StandardCharsets.US_ASCII);

    private void floorChain(HttpClient http, PreSigned signed, CountDownLatch drained) {
        long k = take();
        if (k < 0) {
            drained.countDown();
            return;
        }
        int i = (int) (k - offset);
        boolean inWindow = measuring;
        long start = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(signed.uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Date", signed.dates[i])
                .header("Authorization", signed.authorizations[i])
                .POST(HttpRequest.BodyPublishers.ofByteArray(signed.bodies[i])).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, e) -> {
            boolean allowed = e == null && response.statusCode() == 200
                    && (contains(response.body(), ALLOW_COMPACT) || contains(response.body(), ALLOW));
            record(start, inWindow, allowed, e != null ? e : allowed ? null : new NotAllowed("HTTP " + response.statusCode()));
            floorChain(http, signed, drained);
        });
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A completed call whose answer was not an approval. */
    static final class NotAllowed extends Exception {
        private static final long serialVersionUID = 1L;

        NotAllowed(Object why) {
            super(String.valueOf(why), null, false, false);
        }
    }
}
