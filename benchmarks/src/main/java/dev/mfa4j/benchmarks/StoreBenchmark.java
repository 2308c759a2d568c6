package dev.mfa4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.store.jdbc.JdbcAttemptStore;
import dev.mfa4j.store.jdbc.JdbcMfaConfigurationStore;
import dev.mfa4j.testkit.FakeMfaProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Benchmark 8: runs {@link StoreLoad} nodes (one or two JVMs) against one PostgreSQL database and
 * measures the database around the same windows ({@link PostgresStats}). Writes, under
 * {@code --out}: {@code store-load.jsonl} (one line per round, subject, node count, data size and
 * concurrency), {@code store-lockout.jsonl}, {@code store-plans.txt} and every node's log.
 *
 * <p>Parts ({@code --parts}, default all): {@code main} (mfa4j, mfa4j with its lookup cache of
 * {@code --lookup-cache} seconds (5; 0 leaves that subject out), and the floor, one and two nodes,
 * or those of {@code --subjects} such as {@code mfa4j:1,mfa4j-cache:1,floor:1}; {@code --rounds}
 * rounds, their order rotated each round; {@code --principals} principals),
 * {@code growth} (mfa4j, one node, for each size of {@code --growth}, sizes rotated each round),
 * {@code lockout} (two nodes, {@code --burst} wrong passcodes each for one principal at once),
 * {@code duo} (mfa4j with the simulator, one node, one round; needs {@code --pem}).
 *
 * <p>The database is named by {@code MFA4J_TEST_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD}
 * (as .ci/postgres.sh prints them) and its data directory by {@code --pg-dir} (for the server's
 * CPU time).
 */
public final class StoreBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> args;
    private final Path out;
    private final PostgresStats stats;
    private final Connection admin;
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    /** Where the nodes' fast clock starts; runs on the same tables must share it, or their claims look like replays. */
    private final long origin;
    private final int warmup;
    private final int settle;
    private final int measure;
    /** The mfa4j-cache subject's check interval, in seconds; 0 leaves it out of the default subjects. */
    private final int lookupCache;

    private StoreBenchmark(Map<String, String> args) throws Exception {
        this.args = args;
        this.out = Path.of(args.getOrDefault("out", "benchmarks/target/results"));
        Files.createDirectories(out);
        dataSource.setURL(System.getenv("MFA4J_TEST_POSTGRES_URL"));
        dataSource.setUser(System.getenv("MFA4J_TEST_POSTGRES_USER"));
        dataSource.setPassword(System.getenv("MFA4J_TEST_POSTGRES_PASSWORD"));
        this.admin = dataSource.getConnection();
        this.stats = new PostgresStats(admin, Path.of(args.get("pg-dir")).resolve("data"));
        this.origin = Long.parseLong(args.getOrDefault("clock-origin", String.valueOf(System.currentTimeMillis())));
        this.warmup = Integer.parseInt(args.getOrDefault("warmup", "15"));
        this.settle = Integer.parseInt(args.getOrDefault("settle", "3"));
        this.measure = Integer.parseInt(args.getOrDefault("measure", "10"));
        this.lookupCache = Integer.parseInt(args.getOrDefault("lookup-cache", "5"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = Simulated.args(argv);
        StoreBenchmark benchmark = new StoreBenchmark(args);
        List<String> parts = List.of(args.getOrDefault("parts", "main growth lockout duo").split("[ ,]+"));
        int rounds = Integer.parseInt(args.getOrDefault("rounds", "3"));
        long principals = Long.parseLong(args.getOrDefault("principals", "10000"));
        List<Long> sizes = new ArrayList<>();
        sizes.add(principals);
        if (parts.contains("growth")) {
            for (String size : args.getOrDefault("growth", "10000,100000,1000000").split(",")) {
                if (!sizes.contains(Long.parseLong(size))) {
                    sizes.add(Long.parseLong(size));
                }
            }
        }
        for (long size : sizes) {
            benchmark.prepare(size);
        }
        if (parts.contains("main")) {
            benchmark.main(rounds, principals);
        }
        if (parts.contains("growth")) {
            benchmark.growth(rounds, sizes.subList(0, sizes.size()));
        }
        if (parts.contains("lockout")) {
            benchmark.lockout(rounds, principals);
        }
        if (parts.contains("duo") && args.containsKey("pem")) {
            benchmark.duo();
        }
        benchmark.explain(prefix(sizes.stream().mapToLong(Long::longValue).max().orElse(principals)));
        System.exit(0);
    }

    static String prefix(long principals) {
        return "b8n" + principals + "_";
    }

    // ---- data ----------------------------------------------------------------------------------

    /** Tables of one data size: the schema, configuration {@code bench} (fake), and every principal's rows. */
    private void prepare(long principals) throws Exception {
        String prefix = prefix(principals);
        long startedAt = System.nanoTime();
        JdbcMfaConfigurationStore store = JdbcMfaConfigurationStore.builder(dataSource).tablePrefix(prefix).build();
        JdbcAttemptStore attempts = JdbcAttemptStore.builder(dataSource).tablePrefix(prefix).build();
        if (store.findConfiguration(StoreLoad.CONFIGURATION).isEmpty()) {
            try (MfaService mfa = MfaService.builder(ManagementAuthorizer.allowAll()).store(store).attemptStore(attempts)
                    .provider(new FakeMfaProvider()).discoverProviders(false).discoverEventListeners(false).build()) {
                mfa.configurations().create(StoreLoad.CONFIGURATION, FakeMfaProvider.TYPE, Map.of("Passcode", StoreLoad.PASSCODE));
            }
        }
        String path = "'principal/internal/user/u' || lpad(i::text, 7, '0')";
        // Used passcodes already expired (a day before the benchmark's clock starts): the sweep has work whatever the size.
        long expiredUs = ChronoUnit.MICROS.between(java.time.Instant.EPOCH, java.time.Instant.ofEpochMilli(origin)) - 86_400_000_000L;
        execute(("INSERT INTO ${p}assignment (principal, configuration_name, provider_user_id) SELECT " + path
                + ", 'bench', 'u' || lpad(i::text, 7, '0') FROM generate_series(0, " + (principals - 1) + ") i ON CONFLICT DO NOTHING")
                .replace("${p}", prefix));
        execute(("INSERT INTO ${p}assignment (principal, configuration_name, provider_user_id) "
                + "VALUES ('principal/internal/user/target', 'bench', 'target') ON CONFLICT DO NOTHING").replace("${p}", prefix));
        execute(("INSERT INTO ${p}attempt (attempt_key, failures, window_pushes) SELECT " + path + ", 0, 0 FROM generate_series(0, "
                + (principals - 1) + ") i ON CONFLICT DO NOTHING").replace("${p}", prefix));
        execute(("INSERT INTO ${p}used_passcode (scope, fingerprint, expires_at_us) SELECT 'bench' || chr(10) || " + path
                + ", 'h1:' || md5(i::text) || md5((-i)::text), " + expiredUs + " - i FROM generate_series(0, " + (principals - 1)
                + ") i ON CONFLICT DO NOTHING").replace("${p}", prefix));
        for (String table : List.of("assignment", "attempt", "used_passcode", "configuration", "configuration_option")) {
            execute("VACUUM ANALYZE " + prefix + table);
        }
        // The bulk insert's dirty pages are written now, not by a checkpoint during a measured window.
        execute("CHECKPOINT");
        log("prepared %s: %d principals' rows in %.0f s", prefix, principals, (System.nanoTime() - startedAt) / 1e9);
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }

    // ---- parts ---------------------------------------------------------------------------------

    private record Subject(String name, int nodes) {
    }

    private void main(int rounds, long principals) throws Exception {
        List<Subject> subjects = new ArrayList<>();
        String all = lookupCache > 0 ? "mfa4j:1,mfa4j-cache:1,floor:1,mfa4j:2,mfa4j-cache:2,floor:2" : "mfa4j:1,floor:1,mfa4j:2,floor:2";
        for (String subject : args.getOrDefault("subjects", all).split(",")) {
            String[] nameAndNodes = subject.split(":");
            subjects.add(new Subject(nameAndNodes[0], Integer.parseInt(nameAndNodes[1])));
        }
        String levels = args.getOrDefault("levels", "1,16,64");
        for (int round = 1; round <= rounds; round++) {
            for (int i = 0; i < subjects.size(); i++) {
                Subject subject = subjects.get((i + round - 1) % subjects.size());
                run("main", round, subject, prefix(principals), principals, levels, List.of());
            }
        }
    }

    private void growth(int rounds, List<Long> sizes) throws Exception {
        String levels = args.getOrDefault("growth-levels", "1,16");
        for (int round = 1; round <= rounds; round++) {
            for (int i = 0; i < sizes.size(); i++) {
                long size = sizes.get((i + round - 1) % sizes.size());
                run("growth", round, new Subject("mfa4j", 1), prefix(size), size, levels, List.of());
            }
        }
    }

    private void duo() throws Exception {
        String prefix = "b8duo_";
        int users = Integer.parseInt(args.getOrDefault("users", "1000"));
        JdbcMfaConfigurationStore store = JdbcMfaConfigurationStore.builder(dataSource).tablePrefix(prefix).build();
        JdbcAttemptStore attempts = JdbcAttemptStore.builder(dataSource).tablePrefix(prefix).build();
        Simulated simulator = Simulated.from(args);
        if (store.findConfiguration("duo-sim").isEmpty()) {
            try (MfaService mfa = MfaService.builder(ManagementAuthorizer.allowAll()).store(store).attemptStore(attempts)
                    .discoverEventListeners(false).build()) {
                Map<String, String> options = new LinkedHashMap<>();
                options.put("Host", simulator.apiHost());
                options.put("IntegrationKey", BenchKeys.IKEY);
                options.put("SecretKey", BenchKeys.SKEY);
                options.put("UserIdentifier", "username");
                options.put("CaCertificates", Files.readString(simulator.pem()));
                mfa.configurations().create("duo-sim", "duo", options);
            }
        }
        execute(("INSERT INTO ${p}assignment (principal, configuration_name, provider_user_id) SELECT "
                + "'principal/internal/user/bench' || i, 'duo-sim', 'bench' || i FROM generate_series(0, " + (users - 1)
                + ") i ON CONFLICT DO NOTHING").replace("${p}", prefix));
        execute("VACUUM ANALYZE " + prefix + "assignment");
        List<String> extra = List.of("--users", String.valueOf(users), "--offset", args.getOrDefault("duo-offset", "0"), "--limit",
                args.getOrDefault("duo-limit", "350000"), "--host", simulator.host(), "--port", String.valueOf(simulator.port()),
                "--pem", simulator.pem().toString());
        run("duo", 1, new Subject("duo", 1), prefix, users, args.getOrDefault("levels", "1,16,64"), extra);
    }

    /** Exact lockout under load: two nodes, {@code --burst} wrong passcodes each for one principal, all at once. */
    private void lockout(int rounds, long principals) throws Exception {
        String prefix = prefix(principals);
        String target = "principal/internal/user/target";
        for (int round = 1; round <= rounds; round++) {
            try (PreparedStatement delete = admin.prepareStatement("DELETE FROM " + prefix + "attempt WHERE attempt_key = ?")) {
                delete.setString(1, target);
                delete.executeUpdate();
            }
            List<Node> nodes = new ArrayList<>();
            for (int n = 0; n < 2; n++) {
                nodes.add(Node.start(this, "lockout-" + round + "-node" + n, List.of("--mode", "lockout", "--node", String.valueOf(n),
                        "--nodes", "2", "--prefix", prefix, "--burst", args.getOrDefault("burst", "64"))));
            }
            for (Node node : nodes) {
                node.awaitReady();
            }
            long start = System.currentTimeMillis() + 1000;
            for (Node node : nodes) {
                node.start(start);
            }
            List<JsonNode> results = new ArrayList<>();
            for (Node node : nodes) {
                results.addAll(node.awaitResults());
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("round", round);
            line.put("nodes", results);
            long sent = 0;
            long providerCalls = 0;
            Map<String, Long> reasons = new TreeMap<>();
            for (JsonNode result : results) {
                sent += result.path("sent").asLong();
                providerCalls += result.path("providerCalls").asLong();
                result.path("reasons").properties().forEach(e -> reasons.merge(e.getKey(), e.getValue().asLong(), Long::sum));
            }
            line.put("sent", sent);
            line.put("providerCalls", providerCalls);
            line.put("reasons", reasons);
            try (PreparedStatement select = admin.prepareStatement("SELECT failures, locked_until_us IS NOT NULL FROM " + prefix
                    + "attempt WHERE attempt_key = ?")) {
                select.setString(1, target);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        line.put("storedFailures", rows.getInt(1));
                        line.put("lockedOut", rows.getBoolean(2));
                    }
                }
            }
            try (PreparedStatement select = admin.prepareStatement("SELECT count(*) FROM " + prefix
                    + "used_passcode WHERE scope = ?")) {
                select.setString(1, StoreLoad.CONFIGURATION + "\n" + target);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    line.put("usedPasscodeRowsLeft", rows.getLong(1));
                }
            }
            line.put("maxFailures", 5);
            append("store-lockout.jsonl", line);
            log("lockout round %d: %s", round, JSON.writeValueAsString(line));
        }
    }

    // ---- one run: nodes, windows, database samples -----------------------------------------------

    private void run(String kind, int round, Subject subject, String prefix, long principals, String levels, List<String> extra)
            throws Exception {
        log("%s round %d: %s on %d node(s), %d principals, concurrency %s", kind, round, subject.name(), subject.nodes(), principals,
                levels);
        List<Node> nodes = new ArrayList<>();
        for (int n = 0; n < subject.nodes(); n++) {
            List<String> nodeArgs = new ArrayList<>(List.of("--subject", subject.name(), "--node", String.valueOf(n), "--nodes",
                    String.valueOf(subject.nodes()), "--prefix", prefix, "--principals", String.valueOf(principals), "--levels", levels,
                    "--warmup", String.valueOf(warmup), "--settle", String.valueOf(settle), "--measure", String.valueOf(measure),
                    "--pool", args.getOrDefault("pool", "10"), "--clock-origin", String.valueOf(origin), "--speed",
                    subject.name().equals("duo") ? "1" : args.getOrDefault("speed", "10000"), "--lookup-cache",
                    String.valueOf(lookupCache)));
            nodeArgs.addAll(extra);
            nodes.add(Node.start(this, kind + "-" + round + "-" + subject.name() + "-" + subject.nodes() + "n-" + principals + "-node" + n,
                    nodeArgs));
        }
        for (Node node : nodes) {
            node.awaitReady();
        }
        long start = System.currentTimeMillis() + 1000;
        for (Node node : nodes) {
            node.start(start);
        }
        List<Map<String, Object>> database = new ArrayList<>();
        long at = start + warmup * 1000L;
        for (String level : levels.split(",")) {
            at += settle * 1000L;
            database.add(sampleDatabase(prefix, at, at + measure * 1000L));
            at += measure * 1000L;
        }
        List<JsonNode> results = new ArrayList<>();
        for (Node node : nodes) {
            results.addAll(node.awaitResults());
        }
        String[] levelList = levels.split(",");
        for (int i = 0; i < levelList.length; i++) {
            int concurrency = Integer.parseInt(levelList[i]);
            List<JsonNode> perNode = results.stream().filter(r -> r.path("concurrency").asInt() == concurrency).toList();
            Map<String, Object> line = combine(perNode, database.get(i));
            Map<String, Object> head = new LinkedHashMap<>();
            head.put("kind", kind);
            head.put("round", round);
            head.put("subject", subject.name());
            head.put("nodes", subject.nodes());
            head.put("principals", principals);
            head.put("concurrency", concurrency);
            if (subject.name().equals("mfa4j-cache")) {
                head.put("lookupCacheSeconds", lookupCache);
            }
            head.putAll(line);
            append("store-load.jsonl", head);
            log("  c=%d: %.0f/s, p50 %.2f ms, %.2f round trips and %.2f statements per verification, client %.0f + db %.0f µs CPU, "
                    + "load %s", concurrency, head.get("throughputPerSecond"), head.get("p50Millis"), head.get("roundTripsPerVerification"),
                    head.get("statementsPerVerification"), head.get("clientCpuMicrosPerVerification"), head.get("dbCpuMicrosPerVerification"),
                    head.get("loadAverage"));
        }
    }

    /** Samples the database from {@code from} to {@code to} (epoch millis), as the nodes measure the same window. */
    private Map<String, Object> sampleDatabase(String prefix, long from, long to) throws Exception {
        sleepUntil(from);
        String load0 = loadAverage();
        double cpu0 = stats.serverCpuSeconds();
        Map<String, double[]> statements0 = stats.statements(prefix);
        Map<String, Long> database0 = stats.database();
        PostgresStats.Waits waits;
        Thread sampler;
        try (Connection sampling = dataSource.getConnection()) {
            waits = new PostgresStats.Waits(sampling, 20, to);
            sampler = new Thread(waits, "waits");
            sampler.start();
            sleepUntil(to);
            sampler.join();
        }
        double cpu1 = stats.serverCpuSeconds();
        Map<String, double[]> statements1 = stats.statements(prefix);
        Map<String, Long> database1 = stats.database();
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("dbCpuSeconds", cpu1 - cpu0);
        Map<String, Map<String, Double>> byStatement = new TreeMap<>();
        double calls = 0;
        for (Map.Entry<String, double[]> e : statements1.entrySet()) {
            double[] before = statements0.getOrDefault(e.getKey(), new double[3]);
            double c = e.getValue()[0] - before[0];
            if (c > 0) {
                calls += c;
                Map<String, Double> one = new LinkedHashMap<>();
                one.put("calls", c);
                one.put("execMillis", e.getValue()[1] - before[1]);
                one.put("rows", e.getValue()[2] - before[2]);
                byStatement.put(e.getKey(), one);
            }
        }
        sample.put("statements", stats.countsStatements() ? calls : null);
        sample.put("byStatement", byStatement);
        Map<String, Long> counters = new LinkedHashMap<>();
        database1.forEach((k, v) -> counters.put(k, v - database0.get(k)));
        sample.put("database", counters);
        sample.put("waits", waits.summary());
        sample.put("loadAverage", load0 + " / " + loadAverage());
        return sample;
    }

    /** One line from the nodes' results for a level and the database sample of the same window. */
    private static Map<String, Object> combine(List<JsonNode> perNode, Map<String, Object> database)
            throws java.util.zip.DataFormatException {
        Map<String, Object> line = new LinkedHashMap<>();
        long completed = 0;
        long allowed = 0;
        double throughput = 0;
        long cpu = 0;
        long jit = 0;
        long trips = 0;
        long sent = 0;
        long received = 0;
        double inUse = 0;
        int inUseMax = 0;
        double awaiting = 0;
        int pool = 0;
        Histogram merged = null;
        Map<String, Long> failures = new TreeMap<>();
        for (JsonNode node : perNode) {
            completed += node.path("completed").asLong();
            allowed += node.path("allowed").asLong();
            throughput += node.path("throughputPerSecond").asDouble();
            cpu += node.path("clientCpuNanos").asLong();
            jit += node.path("jitCpuNanos").asLong();
            trips += node.path("roundTrips").asLong();
            sent += node.path("bytesSent").asLong();
            received += node.path("bytesReceived").asLong();
            inUse += node.path("connectionsInUseMean").asDouble();
            inUseMax += node.path("connectionsInUseMax").asInt();
            awaiting += node.path("threadsAwaitingConnectionMean").asDouble();
            pool += node.path("poolSize").asInt();
            node.path("failures").properties().forEach(e -> failures.merge(e.getKey(), e.getValue().asLong(), Long::sum));
            Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(node.path("histogram")
                    .asText())), 0);
            if (merged == null) {
                merged = h;
            } else {
                merged.add(h);
            }
        }
        double dbCpu = (double) database.get("dbCpuSeconds");
        Object statements = database.get("statements");
        line.put("completed", completed);
        line.put("allowed", allowed);
        line.put("throughputPerSecond", throughput);
        line.put("p50Millis", merged == null || merged.getTotalCount() == 0 ? null : merged.getValueAtPercentile(50) / 1000.0);
        line.put("p99Millis", merged == null || merged.getTotalCount() == 0 ? null : merged.getValueAtPercentile(99) / 1000.0);
        line.put("roundTripsPerVerification", completed == 0 ? null : trips / (double) completed);
        line.put("statementsPerVerification", completed == 0 || statements == null ? null : (double) statements / completed);
        line.put("clientCpuMicrosPerVerification", completed == 0 ? null : cpu / 1000.0 / completed);
        line.put("clientCpuMicrosPerVerificationWithoutJit", completed == 0 ? null : (cpu - jit) / 1000.0 / completed);
        line.put("dbCpuMicrosPerVerification", completed == 0 ? null : dbCpu * 1e6 / completed);
        line.put("totalCpuMicrosPerVerification", completed == 0 ? null : (cpu / 1000.0 + dbCpu * 1e6) / completed);
        line.put("totalCpuMicrosPerVerificationWithoutJit", completed == 0 ? null : ((cpu - jit) / 1000.0 + dbCpu * 1e6) / completed);
        line.put("bytesPerVerification", completed == 0 ? null : (sent + received) / (double) completed);
        line.put("poolSize", pool);
        line.put("connectionsInUseMean", inUse);
        line.put("connectionsInUseMax", inUseMax);
        line.put("threadsAwaitingConnectionMean", awaiting);
        line.put("failures", failures);
        line.putAll(database);
        return line;
    }

    // ---- plans -----------------------------------------------------------------------------------

    /** EXPLAIN (generic plan) of every statement the runs sent to the tables of {@code prefix}, as pg_stat_statements saw them. */
    private void explain(String prefix) throws Exception {
        if (!stats.countsStatements()) {
            return;
        }
        StringBuilder plans = new StringBuilder();
        Pattern parameter = Pattern.compile("\\$(\\d+)");
        try (Statement statement = admin.createStatement()) {
            statement.execute("SET plan_cache_mode = force_generic_plan");
            int n = 0;
            for (String query : stats.statements(prefix).keySet()) {
                if (query.startsWith("VACUUM") || query.startsWith("INSERT INTO " + prefix + "schema_version")) {
                    continue;
                }
                int parameters = 0;
                Matcher m = parameter.matcher(query);
                while (m.find()) {
                    parameters = Math.max(parameters, Integer.parseInt(m.group(1)));
                }
                String name = "plan" + n++;
                plans.append("-- ").append(query).append('\n');
                try {
                    statement.execute("PREPARE " + name + " AS " + query);
                    String nulls = parameters == 0 ? "" : "(" + String.join(", ", java.util.Collections.nCopies(parameters, "NULL")) + ")";
                    try (ResultSet rows = statement.executeQuery("EXPLAIN EXECUTE " + name + nulls)) {
                        while (rows.next()) {
                            plans.append(rows.getString(1)).append('\n');
                        }
                    }
                    statement.execute("DEALLOCATE " + name);
                } catch (SQLException e) {
                    plans.append("(not explained: ").append(e.getMessage()).append(")\n");
                }
                plans.append('\n');
            }
        }
        Files.writeString(out.resolve("store-plans.txt"), plans.toString());
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private void append(String file, Map<String, Object> line) throws IOException {
        Files.writeString(out.resolve(file), JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void sleepUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    static void log(String format, Object... values) {
        System.out.println(String.format(java.util.Locale.ROOT, format, values));
        System.out.flush();
    }

    /** One StoreLoad JVM: its standard output read for READY and RESULT lines, everything logged to a file. */
    private static final class Node {
        private final Process process;
        private final Writer stdin;
        private final CountDownLatch ready = new CountDownLatch(1);
        private final List<JsonNode> results = new CopyOnWriteArrayList<>();
        private final Thread reader;

        private Node(Process process, Path log) throws IOException {
            this.process = process;
            this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            PrintWriter logFile = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8));
            this.reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        logFile.println(line);
                        logFile.flush();
                        if (line.equals("READY")) {
                            ready.countDown();
                        } else if (line.startsWith("RESULT ")) {
                            results.add(JSON.readTree(line.substring(7)));
                        }
                    }
                } catch (IOException e) {
                    logFile.println("reading the node's output failed: " + e);
                } finally {
                    logFile.close();
                }
            }, "node-output");
            reader.start();
        }

        static Node start(StoreBenchmark benchmark, String name, List<String> nodeArgs) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(List.of("-Xmx1g", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2", "-cp",
                    System.getProperty("java.class.path"), StoreLoad.class.getName()));
            command.addAll(nodeArgs);
            Path log = benchmark.out.resolve("store-" + name + ".log");
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(
                    benchmark.out.resolve("store-" + name + ".err").toFile())).start();
            return new Node(process, log);
        }

        void awaitReady() throws InterruptedException {
            if (!ready.await(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("a node did not get ready within 180 s; see its log");
            }
        }

        void start(long epochMillis) throws IOException {
            stdin.write("START " + epochMillis + "\n");
            stdin.flush();
        }

        List<JsonNode> awaitResults() throws InterruptedException {
            if (!process.waitFor(600, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            reader.join(10_000);
            return results;
        }
    }
}
