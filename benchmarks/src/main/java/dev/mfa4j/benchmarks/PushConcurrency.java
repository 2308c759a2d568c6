package dev.mfa4j.benchmarks;

import com.duosecurity.client.Auth;
import com.duosecurity.client.Http;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.VerificationProgress;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.core.MfaService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.json.JSONObject;

/**
 * Benchmark 4: {@code --count} pushes started at once against the simulator, whose users all
 * approve a push 5 s after it is sent (SimulatorConfigs' push file). Run the JVM with
 * {@code -Xmx256m}; it samples live threads, heap and sockets every 100 ms while they run.
 *
 * <ul>
 *   <li>{@code mfa4j}: {@code count} calls of {@code MfaService.verifyAsync(principal, "push")},
 *       one principal per Duo user (mfa-core allows one pending push per principal), attempt
 *       policy defaults. No thread per push: the futures complete from HTTP callbacks.</li>
 *   <li>{@code duo-client}: Duo's client 0.7.1 the only way it can wait: a thread per push that
 *       sends {@code /auth} with {@code async=1} and loops on {@code /auth_status}, each call a
 *       new request object.</li>
 * </ul>
 *
 * Prints one JSON line starting with {@code RESULT }: outcomes by reason, peak threads (Java, and
 * OS), peak heap used, peak sockets, peak pushes waiting at the simulator at once, elapsed time.
 */
public final class PushConcurrency {

    private final Map<String, Long> outcomes = new ConcurrentHashMap<>();
    private final AtomicInteger waitingAtDuo = new AtomicInteger();
    private final AtomicInteger peakWaitingAtDuo = new AtomicInteger();
    private final AtomicLong lastCompletion = new AtomicLong();
    private final Recorder latency = new Recorder(3);

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = Simulated.args(argv);
        String client = args.get("client");
        int count = Integer.parseInt(args.getOrDefault("count", "10000"));
        int limitSeconds = Integer.parseInt(args.getOrDefault("limit-seconds", "300"));
        Map<String, String> extra = new LinkedHashMap<>();
        if (args.containsKey("request-timeout")) {
            extra.put("RequestTimeout", args.get("request-timeout"));
        }
        if (args.containsKey("push-timeout")) {
            extra.put("PushTimeout", args.get("push-timeout"));
        }
        Map<String, Object> result = new PushConcurrency().run(Simulated.from(args), client, count, limitSeconds, extra);
        result.put("round", args.getOrDefault("round", "1"));
        result.put("options", extra.isEmpty() ? "defaults" : extra.toString());
        result.put("commonPoolParallelism", java.util.concurrent.ForkJoinPool.getCommonPoolParallelism());
        System.out.println("RESULT " + new ObjectMapper().writeValueAsString(result));
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private void done(String outcome, long startNanos) {
        outcomes.merge(outcome, 1L, Long::sum);
        long now = System.nanoTime();
        lastCompletion.accumulateAndGet(now, Math::max);
        latency.recordValue(Math.max(1, (now - startNanos) / 1000));
    }

    Map<String, Object> run(Simulated simulator, String client, int count, int limitSeconds, Map<String, String> extra)
            throws Exception {
        CountDownLatch finished = new CountDownLatch(count);
        MfaService mfa = null;
        PrincipalId[] principals = new PrincipalId[count];
        String pin = null;
        if (client.equals("mfa4j")) {
            mfa = simulator.mfaService(count, i -> "push" + i, extra);
            for (int i = 0; i < count; i++) {
                principals[i] = Simulated.principal("push" + i);
            }
        } else if (client.equals("duo-client")) {
            simulator.installAsJvmTrustStore();
            pin = simulator.okHttpPin();
        } else {
            throw new IllegalArgumentException("--client mfa4j | duo-client");
        }
        System.gc();
        int threadsAtRest = JvmStats.liveThreads();
        int osThreadsAtRest = JvmStats.osThreads();
        long heapAtRest = JvmStats.heapUsed();
        JvmStats.resetPeakThreads();
        long t0 = System.nanoTime();
        lastCompletion.set(t0);
        AtomicInteger started = new AtomicInteger();
        String error = null;
        try {
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                if (mfa != null) {
                    // Counts the pushes Duo has sent and not yet answered: in flight at the simulator.
                    AtomicInteger sent = new AtomicInteger();
                    VerificationContext context = VerificationContext.builder().progressListener(p -> {
                        if (p instanceof VerificationProgress.ChallengeSent && sent.compareAndSet(0, 1)) {
                            peakWaitingAtDuo.accumulateAndGet(waitingAtDuo.incrementAndGet(), Math::max);
                        }
                    }).build();
                    mfa.verifyAsync(principals[i], "push", context).whenComplete((r, e) -> {
                        if (sent.get() == 1) {
                            waitingAtDuo.decrementAndGet();
                        }
                        done(e != null ? "exception " + e.getClass().getSimpleName() : r.reason().name(), start);
                        finished.countDown();
                    });
                } else {
                    String user = "push" + i;
                    String p = pin;
                    Thread thread = new Thread(() -> {
                        try {
                            done(duoClientPush(p, simulator.host(), user), start);
                        } catch (Throwable e) {
                            done("exception " + rootName(e), start);
                        } finally {
                            finished.countDown();
                        }
                    }, "push-" + i);
                    thread.setDaemon(true);
                    thread.start();
                }
                started.incrementAndGet();
            }
        } catch (Throwable e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage() + " after starting " + started.get();
        }
        long submitted = System.nanoTime();
        int peakSockets = 0;
        int peakOsThreads = 0;
        long peakHeap = 0;
        long deadline = t0 + TimeUnit.SECONDS.toNanos(limitSeconds);
        int sampledPeak = 0;
        Map<String, Integer> threadsAtPeak = Map.of();
        while (finished.getCount() > count - started.get() && System.nanoTime() < deadline) {
            int live = JvmStats.liveThreads();
            if (live > sampledPeak && live <= 256) {
                sampledPeak = live;
                threadsAtPeak = threadNames();
            }
            peakSockets = Math.max(peakSockets, JvmStats.openSockets());
            peakOsThreads = Math.max(peakOsThreads, JvmStats.osThreads());
            peakHeap = Math.max(peakHeap, JvmStats.heapUsed());
            finished.await(100, TimeUnit.MILLISECONDS);
        }
        long t1 = System.nanoTime();
        org.HdrHistogram.Histogram h = latency.getIntervalHistogram();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "push-concurrency");
        out.put("client", client);
        out.put("count", count);
        out.put("started", started.get());
        out.put("outcomes", new TreeMap<>(outcomes));
        long approved = outcomes.getOrDefault(client.equals("mfa4j") ? Reason.APPROVED.name() : "allow", 0L);
        out.put("allApproved", approved == count);
        out.put("unfinished", finished.getCount());
        out.put("submitSeconds", Math.round((submitted - t0) / 1e7) / 100.0);
        out.put("lastCompletionSeconds", Math.round((lastCompletion.get() - t0) / 1e7) / 100.0);
        out.put("latencyP50Seconds", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(50) / 1e6);
        out.put("latencyMaxSeconds", h.getTotalCount() == 0 ? null : h.getMaxValue() / 1e6);
        out.put("peakWaitingAtDuo", client.equals("mfa4j") ? peakWaitingAtDuo.get() : null);
        out.put("threadsAtRest", threadsAtRest);
        out.put("peakLiveThreads", JvmStats.peakThreads());
        out.put("threadsAtSampledPeak", threadsAtPeak);
        out.put("osThreadsAtRest", osThreadsAtRest);
        out.put("peakOsThreads", peakOsThreads);
        out.put("heapAtRestMiB", heapAtRest >> 20);
        out.put("peakHeapUsedMiB", peakHeap >> 20);
        out.put("heapMaxMiB", JvmStats.heapMax() >> 20);
        out.put("peakSockets", peakSockets);
        out.put("timedOutAfterSeconds", System.nanoTime() >= deadline ? limitSeconds : null);
        out.put("error", error);
        out.put("elapsedSeconds", Math.round((t1 - t0) / 1e7) / 100.0);
        return out;
    }

    /** @return live Java threads by name, digits folded */
    private static Map<String, Integer> threadNames() {
        Map<String, Integer> names = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            names.merge(t.getName().replaceAll("[0-9]+", "N"), 1, Integer::sum);
        }
        return names;
    }

    /** One push with Duo's client: async /auth, then /auth_status until the result is final. */
    private static String duoClientPush(String pin, String host, String user) throws Exception {
        Http auth = request(pin, host, "POST", "/auth/v2/auth");
        auth.addParam("username", user);
        auth.addParam("factor", "push");
        auth.addParam("device", "auto");
        auth.addParam("async", "1");
        auth.signRequest(BenchKeys.IKEY, BenchKeys.SKEY);
        String txid = ((JSONObject) auth.executeRequest()).getString("txid");
        while (true) {
            Http status = request(pin, host, "GET", "/auth/v2/auth_status");
            status.addParam("txid", txid);
            status.signRequest(BenchKeys.IKEY, BenchKeys.SKEY);
            JSONObject answer = (JSONObject) status.executeRequest();
            String result = answer.optString("result");
            if (!result.equals("waiting")) {
                return result;
            }
        }
    }

    private static Http request(String pin, String host, String method, String path) {
        Auth.AuthBuilder builder = new Auth.AuthBuilder(method, host, path);
        builder.useCustomCertificates(new String[] {pin});
        return builder.build();
    }

    private static String rootName(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
