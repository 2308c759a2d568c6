package dev.mfa4j.testkit.duo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Capacity measurements for docs/testkit.md, run by hand (never by the build; it is not a test):
 *
 * <pre>
 * longpolls N HOLD_SECONDS   the simulator in a child JVM (DuoSimulatorMain); N async pushes, then
 *                            N auth_status long-polls held at once; reports the server's threads
 *                            and sockets while they are parked, and their release at the hold limit
 * throughput SECONDS CONCURRENCY
 *                            signed (v2, HMAC-SHA512) passcode /auth calls against an in-process
 *                            simulator, CONCURRENCY in flight; reports requests per second
 * startcost N                start and close N simulators; reports the first and the median
 *                            start-to-first-answer time
 * </pre>
 *
 * All stop by themselves; all traffic is on loopback. Two JVMs for long-polls because one
 * process holding both ends of 10,000 TLS connections would pass this machine's limit of 20,000
 * open files.
 */
public final class LoadDriver {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "longpolls" -> longPolls(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "throughput" -> throughput(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "startcost" -> startCost(Integer.parseInt(args[1]));
            default -> System.err.println("usage: longpolls N HOLD_SECONDS | throughput SECONDS CONCURRENCY | startcost N");
        }
    }

    // ---- a minimal signed client on java.net.http ----

    record Target(HttpClient http, URI base, String host, String ikey, String skey) {
        HttpRequest request(String method, String path, Map<String, String> params, Duration timeout) {
            Map<String, List<String>> multi = new TreeMap<>();
            params.forEach((k, v) -> multi.put(k, List.of(v)));
            String date = ZonedDateTime.now(ZoneOffset.UTC).format(TestClient.RFC_2822);
            String sig = TestSigner.hmac("HmacSHA512", skey, TestSigner.canonV2(date, method, host, path, multi));
            String encoded = TestSigner.canonParams(multi);
            HttpRequest.Builder builder = method.equals("POST")
                    ? HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(encoded))
                    : HttpRequest.newBuilder(URI.create(base + path + "?" + encoded)).GET();
            return builder.header("Date", date).header("Authorization", TestSigner.basic(ikey, sig)).timeout(timeout).build();
        }

        CompletableFuture<JsonNode> call(String method, String path, Map<String, String> params, Duration timeout) {
            return http.sendAsync(request(method, path, params, timeout), HttpResponse.BodyHandlers.ofByteArray())
                    .thenApply(response -> {
                        try {
                            return JSON.readTree(response.body());
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
        }
    }

    static HttpClient http(SSLContext tls) {
        return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(60)).build();
    }

    // ---- 10,000 parked long-polls ----

    static void longPolls(int count, int holdSeconds) throws Exception {
        Path dir = Files.createTempDirectory("duo-load");
        Integration integration = Integration.random("load");
        Path config = dir.resolve("duo.json");
        Files.writeString(config, JSON.writeValueAsString(Map.of(
                "integrations", List.of(Map.of("ikey", integration.integrationKey(), "skey", integration.secretKey())),
                "users", List.of(Map.of("username", "load", "push", "pending")),
                "pushTimeout", "PT30M", "authStatusHold", "PT" + holdSeconds + "S", "serverThreads", 4)));
        Path pem = dir.resolve("cert.pem");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                "dev.mfa4j.testkit.duo.DuoSimulatorMain", "--port", "0", "--config", config.toString(),
                "--cert-out", pem.toString(), "--stats", "1").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            String host = first.replaceAll(".*API host ([^)]*)\\).*", "$1");
            for (int i = 0; i < 3; i++) {
                out.readLine();
            }
            AtomicInteger parked = new AtomicInteger();
            AtomicInteger peakParked = new AtomicInteger();
            Thread drain = new Thread(() -> out.lines().forEach(line -> {
                if (line.startsWith("stats: ")) {
                    int now = Integer.parseInt(line.replaceAll(".*parkedLongPolls=([0-9]+).*", "$1"));
                    parked.set(now);
                    peakParked.accumulateAndGet(now, Math::max);
                } else {
                    System.out.println("  [server] " + line);
                }
            }));
            drain.setDaemon(true);
            drain.start();
            long pid = server.pid();
            System.out.printf("server pid %d at %s; threads at rest: %d%n", pid, host, threads(pid));

            Target target = new Target(http(trusting(pem)), URI.create("https://" + host), host,
                    integration.integrationKey(), integration.secretKey());
            // 1. N async pushes and their first auth_status (answered at once), 64 in flight.
            List<String> txids = new ArrayList<>(count);
            Semaphore inFlight = new Semaphore(64);
            long t0 = System.nanoTime();
            List<CompletableFuture<Void>> setup = new ArrayList<>();
            ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
            for (int i = 0; i < count; i++) {
                inFlight.acquire();
                setup.add(target.call("POST", "/auth/v2/auth", Map.of("username", "load", "factor", "push", "async", "1"), Duration.ofSeconds(60))
                        .thenCompose(r -> {
                            String txid = r.get("response").get("txid").asText();
                            ids.add(txid);
                            return target.call("GET", "/auth/v2/auth_status", Map.of("txid", txid), Duration.ofSeconds(60));
                        })
                        .thenAccept(r -> inFlight.release()));
            }
            CompletableFuture.allOf(setup.toArray(CompletableFuture[]::new)).join();
            txids.addAll(ids);
            System.out.printf("%d pushes created and first-polled in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);

            // 2. N long-polls at once; the server holds every one until the hold limit.
            HttpClient pollers = http(trusting(pem));
            Target polling = new Target(pollers, target.base(), host, target.ikey(), target.skey());
            AtomicInteger answered = new AtomicInteger();
            AtomicInteger waiting = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            long t1 = System.nanoTime();
            List<CompletableFuture<Void>> polls = new ArrayList<>(count);
            for (String txid : txids) {
                polls.add(polling.call("GET", "/auth/v2/auth_status", Map.of("txid", txid), Duration.ofSeconds(holdSeconds + 600))
                        .handle((r, e) -> {
                            if (e != null) {
                                failed.incrementAndGet();
                            } else {
                                answered.incrementAndGet();
                                if (r.get("response").get("result").asText().equals("waiting")) {
                                    waiting.incrementAndGet();
                                }
                            }
                            return null;
                        }));
            }
            int peakThreads = 0;
            int peakSockets = 0;
            long parkedAt = 0;
            while (answered.get() + failed.get() < count) {
                int sockets = sockets(pid);
                int threads = threads(pid);
                peakThreads = Math.max(peakThreads, threads);
                if (sockets > peakSockets) {
                    peakSockets = sockets;
                }
                if (parkedAt == 0 && parked.get() >= count) {
                    parkedAt = System.nanoTime();
                    System.out.printf("all %d long-polls parked in the server %.1f s after sending began: server threads %d (%s), server sockets %d%n",
                            count, (parkedAt - t1) / 1e9, threads, threadNames(pid), sockets);
                }
                Thread.sleep(1000);
            }
            CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new)).join();
            System.out.printf("released: %d answered (%d 'waiting' at the hold limit), %d failed; peak parked %d, peak server threads %d, peak server sockets %d; %.1f s after sending began%n",
                    answered.get(), waiting.get(), failed.get(), peakParked.get(), peakThreads, peakSockets, (System.nanoTime() - t1) / 1e9);
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    static SSLContext trusting(Path pem) throws Exception {
        X509Certificate certificate;
        try (var in = Files.newInputStream(pem)) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("duo", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    static int threads(long pid) throws Exception {
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return (int) tasks.count();
        }
    }

    static String threadNames(long pid) throws Exception {
        Map<String, Integer> names = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String name = Files.readString(task.resolve("comm")).trim();
                names.merge(name.startsWith("duo-simulator") ? "duo-simulator-*" : name.replaceAll("[0-9]+", "N"), 1, Integer::sum);
            }
        }
        return names.toString();
    }

    static int sockets(long pid) throws Exception {
        int sockets = 0;
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
                        sockets++;
                    }
                } catch (java.io.IOException e) {
                    // closed while listing
                }
            }
        }
        return sockets;
    }

    // ---- what one simulator costs to start ----

    static void startCost(int count) throws Exception {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            try (DuoSimulator duo = DuoSimulator.builder().user(DuoUser.withSmartphone("alice")).start()) {
                // Ready means a client has its first answer, TLS handshake included.
                new TestClient(duo).ping();
                nanos[i] = System.nanoTime() - start;
            }
        }
        long first = nanos[0];
        Arrays.sort(nanos);
        System.out.printf("start + first ping: first %.0f ms (cold JVM), median of %d %.1f ms, max %.1f ms%n",
                first / 1e6, count, nanos[count / 2] / 1e6, nanos[count - 1] / 1e6);
    }

    // ---- signed passcode throughput ----

    static void throughput(int seconds, int concurrency) throws Exception {
        try (DuoSimulator duo = DuoSimulator.builder().requestLogCapacity(0)
                .user(DuoUser.withSmartphone("load")).start()) {
            int codes = 3_000_000;
            String[] passcodes = new String[codes];
            for (int i = 0; i < codes; i++) {
                passcodes[i] = Integer.toString(10_000_000 + i);
            }
            duo.addPasscodes("load", passcodes);
            Target target = new Target(http(duo.clientSslContext()), duo.baseUrl(), duo.host(),
                    duo.integration().integrationKey(), duo.integration().secretKey());
            AtomicInteger next = new AtomicInteger();
            AtomicLong allowed = new AtomicLong();
            AtomicLong other = new AtomicLong();
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
            Semaphore inFlight = new Semaphore(concurrency);
            long measuredFrom = 0;
            long measured = 0;
            while (System.nanoTime() < end) {
                inFlight.acquire();
                long start = System.nanoTime();
                boolean counted = start >= warmupEnd;
                if (counted && measuredFrom == 0) {
                    measuredFrom = start;
                }
                if (counted) {
                    measured++;
                }
                String code = passcodes[next.getAndIncrement() % codes];
                target.call("POST", "/auth/v2/auth", Map.of("username", "load", "factor", "passcode", "passcode", code), Duration.ofSeconds(30))
                        .whenComplete((r, e) -> {
                            if (counted) {
                                latencies.add(System.nanoTime() - start);
                                if (e == null && r.get("response").get("result").asText().equals("allow")) {
                                    allowed.incrementAndGet();
                                } else {
                                    other.incrementAndGet();
                                }
                            }
                            inFlight.release();
                        });
            }
            inFlight.acquire(concurrency);
            double elapsed = (System.nanoTime() - measuredFrom) / 1e9;
            long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            System.out.printf("%d signed passcode auths in %.1f s with %d in flight: %.0f/s (allow %d, other %d); latency p50 %.1f ms, p99 %.1f ms%n",
                    measured, elapsed, concurrency, measured / elapsed, allowed.get(), other.get(),
                    sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6);
        }
    }
}
