package dev.mfa4j.benchmarks.webpush;

import dev.mfa4j.testkit.duo.DuoSimulator;
import dev.mfa4j.testkit.duo.DuoUser;
import dev.mfa4j.testkit.duo.PushNotification;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark 5: {@code --pushes} browsers (HTTP clients, not browsers) log in with a password to a
 * Spring Boot application with the mfa4j step, each asks for a push, and each follows it with the
 * step's long-polled status requests. The simulator holds every push until all of them wait at
 * once; then the program approves them all and waits for every browser to reach the home page.
 * Tomcat keeps its default thread pool (at most 200 workers).
 *
 * <p>Everything runs in this JVM: the application, the simulator and the clients (one shared
 * HttpClient on a 4-thread executor). A sampler reads live threads, by kind, and heap every 100 ms.
 * Prints one line starting with {@code RESULT }. Usage: {@code java -Xmx1g -jar web-push.jar
 * [--pushes 1000] [--limit-seconds 300]}.
 */
public final class WebPushLoad {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final AtomicInteger statusOutstanding = new AtomicInteger();
    private final AtomicInteger peakStatusOutstanding = new AtomicInteger();
    private final Map<String, AtomicInteger> peakByKind = new ConcurrentHashMap<>();
    private final AtomicInteger peakLive = new AtomicInteger();
    private final AtomicLong peakHeap = new AtomicLong();
    private volatile boolean sampling = true;
    private final Map<String, AtomicInteger> phases = new ConcurrentHashMap<>();
    private final Map<String, Double> phaseDone = new ConcurrentHashMap<>();
    private final AtomicInteger peakBusyWorkers = new AtomicInteger();
    private final AtomicInteger peakBusyWhileWaiting = new AtomicInteger();
    private final AtomicInteger peakLiveWhileWaiting = new AtomicInteger();
    private volatile boolean plateau;
    private volatile java.util.function.IntSupplier busyWorkers = () -> -1;
    private volatile long started;
    private volatile int count;

    public static void main(String[] argv) throws Exception {
        int pushes = 1000;
        int limitSeconds = 300;
        for (int i = 0; i + 1 < argv.length; i += 2) {
            switch (argv[i]) {
                case "--pushes" -> pushes = Integer.parseInt(argv[i + 1]);
                case "--limit-seconds" -> limitSeconds = Integer.parseInt(argv[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + argv[i] + "; use --pushes N --limit-seconds S");
            }
        }
        int code = new WebPushLoad().run(pushes, limitSeconds);
        System.out.flush();
        Runtime.getRuntime().halt(code);
    }

    /** Thread kinds, by name: who holds the threads. */
    static String kind(String name) {
        if (name.contains("-exec-")) {
            return "tomcat workers";
        }
        if (name.startsWith("http-nio") || name.startsWith("Catalina") || name.startsWith("container")) {
            return "tomcat other";
        }
        if (name.startsWith("HttpClient")) {
            return "java.net.http selectors";
        }
        if (name.startsWith("load-client")) {
            return "load clients";
        }
        if (name.startsWith("mfa4j")) {
            return "mfa4j (duo provider pool, deadline timers)";
        }
        if (name.startsWith("duo-sim") || name.startsWith("HTTP-Dispatcher") || name.contains("idle-timeout")) {
            return "duo simulator";
        }
        return "other (JVM, Spring, pools)";
    }

    private void sample() {
        int busy = busyWorkers.getAsInt();
        peakBusyWorkers.accumulateAndGet(busy, Math::max);
        if (plateau) {
            peakBusyWhileWaiting.accumulateAndGet(busy, Math::max);
            peakLiveWhileWaiting.accumulateAndGet(THREADS.getThreadCount(), Math::max);
        }
        int live = THREADS.getThreadCount();
        peakLive.accumulateAndGet(live, Math::max);
        peakHeap.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
        Map<String, Integer> counts = new TreeMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                counts.merge(kind(info.getThreadName()), 1, Integer::sum);
            }
        }
        counts.forEach((kind, count) -> peakByKind.computeIfAbsent(kind, k -> new AtomicInteger()).accumulateAndGet(count, Math::max));
    }

    private static Map<String, Integer> snapshotByKind() {
        Map<String, Integer> counts = new TreeMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                counts.merge(kind(info.getThreadName()), 1, Integer::sum);
            }
        }
        return counts;
    }

    int run(int pushes, int limitSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limitSeconds);
        DuoSimulator.Builder simulator = DuoSimulator.builder().pushTimeout(Duration.ofMinutes(9)).requestLogCapacity(0);
        for (int i = 0; i < pushes; i++) {
            simulator.user(DuoUser.builder("user" + i).smartphone().build());
        }
        DuoSimulator duo = simulator.start();
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(WebPushApp.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("duoSimulator", duo))
                .properties("server.port=0", "load.users=" + pushes)
                .run();
        WebServer server = ((WebServerApplicationContext) app).getWebServer();
        int port = server.getPort();
        // Tomcat's own count of workers running a request (not idle in the pool).
        java.util.concurrent.Executor executor = ((TomcatWebServer) server).getTomcat().getConnector().getProtocolHandler().getExecutor();
        if (executor instanceof org.apache.tomcat.util.threads.ThreadPoolExecutor pool) {
            busyWorkers = pool::getActiveCount;
            result.put("tomcatMaxThreads", pool.getMaximumPoolSize());
        }
        String base = "http://127.0.0.1:" + port;

        Thread sampler = new Thread(() -> {
            while (sampling) {
                sample();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "load-sampler");
        sampler.setDaemon(true);
        System.gc();
        int threadsAtRest = THREADS.getThreadCount();
        Map<String, Integer> atRest = snapshotByKind();
        long heapAtRest = MEMORY.getHeapMemoryUsage().getUsed();
        sampler.start();

        ExecutorService clientPool = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "load-client-" + System.identityHashCode(runnable));
            thread.setDaemon(true);
            return thread;
        });
        HttpClient http = HttpClient.newBuilder().executor(clientPool).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30)).build();
        Browser.Watcher watcher = new Browser.Watcher() {
            @Override
            public void statusSent() {
                peakStatusOutstanding.accumulateAndGet(statusOutstanding.incrementAndGet(), Math::max);
            }

            @Override
            public void statusAnswered(String state) {
                statusOutstanding.decrementAndGet();
            }

            @Override
            public void passed(String phase) {
                if (phases.computeIfAbsent(phase, p -> new AtomicInteger()).incrementAndGet() == count) {
                    phaseDone.put(phase, (System.nanoTime() - started) / 1_000_000_000.0);
                }
            }
        };
        new Browser(http, base, "user0", watcher).wrongPassword().get(60, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        started = t0;
        count = pushes;
        List<CompletableFuture<String>> browsers = new ArrayList<>();
        for (int i = 0; i < pushes; i++) {
            browsers.add(new Browser(http, base, "user" + i, watcher).logIn()
                    .exceptionally(e -> "failed: " + (e.getCause() != null ? e.getCause() : e).getClass().getSimpleName()));
        }

        // Every push reaches the phone and stays there: the simulator's default is to wait for the test.
        List<String> txids = new ArrayList<>();
        while (txids.size() < pushes && System.nanoTime() < deadline) {
            PushNotification push = duo.takePush(Duration.ofSeconds(5));
            if (push != null) {
                txids.add(push.txid());
            }
        }
        long allSent = System.nanoTime();
        // Then every browser has a status request waiting for news of its push.
        while (statusOutstanding.get() < pushes && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long allWaiting = System.nanoTime();
        int waitingTogether = statusOutstanding.get();
        plateau = true;
        Thread.sleep(2000);   // the sampler watches 2 s of every push waiting
        plateau = false;
        Map<String, Integer> whileWaiting = snapshotByKind();
        int busyWhileWaiting = busyWorkers.getAsInt();
        int threadsWhileWaiting = THREADS.getThreadCount();
        System.gc();
        long heapWhileWaitingAfterGc = MEMORY.getHeapMemoryUsage().getUsed();

        for (String txid : txids) {
            duo.approve(txid);
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        for (CompletableFuture<String> browser : browsers) {
            long left = Math.max(1, deadline - System.nanoTime());
            String outcome;
            try {
                outcome = browser.get(left, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                outcome = "no result in time";
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        long end = System.nanoTime();
        sampling = false;
        sampler.join();
        sample();

        result.put("pushes", pushes);
        result.put("outcomes", outcomes);
        result.put("completed", outcomes.getOrDefault("home", 0));
        result.put("pushesAtDuo", txids.size());
        result.put("statusRequestsWaitingTogether", waitingTogether);
        result.put("peakStatusRequestsWaiting", peakStatusOutstanding.get());
        result.put("threadsAtRest", threadsAtRest);
        result.put("threadsAtRestByKind", atRest);
        result.put("threadsWhileAllWaiting", threadsWhileWaiting);
        result.put("threadsWhileAllWaitingByKind", whileWaiting);
        result.put("tomcatWorkersBusyWhileAllWaiting", busyWhileWaiting);
        result.put("peakTomcatWorkersBusyWhileAllWaiting", peakBusyWhileWaiting.get());
        result.put("peakLiveThreadsWhileAllWaiting", peakLiveWhileWaiting.get());
        result.put("peakTomcatWorkersBusy", peakBusyWorkers.get());
        result.put("peakLiveThreads", peakLive.get());
        result.put("peakThreadsByKind", new TreeMap<>(peakByKind));
        result.put("heapAtRestMiB", heapAtRest >> 20);
        result.put("peakHeapUsedMiB", peakHeap.get() >> 20);
        result.put("heapWhileAllWaitingAfterGcMiB", heapWhileWaitingAfterGc >> 20);
        result.put("maxHeapMiB", MEMORY.getHeapMemoryUsage().getMax() >> 20);
        result.put("secondsToAllOfAPhase", new TreeMap<>(phaseDone));
        result.put("secondsToAllPushesSent", (allSent - t0) / 1_000_000_000.0);
        result.put("secondsToAllWaiting", (allWaiting - t0) / 1_000_000_000.0);
        result.put("secondsFromApprovalToLastHome", (end - allWaiting) / 1_000_000_000.0);
        result.put("nproc", Runtime.getRuntime().availableProcessors());
        result.put("java", System.getProperty("java.version"));
        System.out.println("RESULT " + toJson(result));
        int completed = outcomes.getOrDefault("home", 0);
        app.close();
        duo.close();
        return completed == pushes ? 0 : 1;
    }

    private static String toJson(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder json = new StringBuilder("{");
            map.forEach((k, v) -> {
                if (json.length() > 1) {
                    json.append(", ");
                }
                json.append('"').append(k).append("\": ").append(toJson(v));
            });
            return json.append('}').toString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof AtomicInteger atomic) {
            return Integer.toString(atomic.get());
        }
        return '"' + String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
