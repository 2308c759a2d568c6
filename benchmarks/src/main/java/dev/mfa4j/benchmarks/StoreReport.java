package dev.mfa4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Benchmark 8's tables for docs/benchmarks.md, from {@code store-load.jsonl} and
 * {@code store-lockout.jsonl}: medians over rounds with their range, and ratios computed within
 * each round before their median is taken.
 */
public final class StoreReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final StringBuilder out = new StringBuilder();
    private final List<JsonNode> load = new ArrayList<>();
    private final List<JsonNode> lockouts = new ArrayList<>();

    private StoreReport(Path dir) throws IOException {
        read(dir.resolve("store-load.jsonl"), load);
        read(dir.resolve("store-lockout.jsonl"), lockouts);
    }

    public static void main(String[] args) throws IOException {
        StoreReport report = new StoreReport(Path.of(args[0]));
        if (report.load.isEmpty() && report.lockouts.isEmpty()) {
            return;
        }
        report.main();
        report.ratios();
        report.statements();
        report.growth();
        report.lockout();
        report.duo();
        System.out.print(report.out);
    }

    private static void read(Path file, List<JsonNode> into) throws IOException {
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    into.add(JSON.readTree(line));
                }
            }
        }
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private List<JsonNode> select(Predicate<JsonNode> filter) {
        return load.stream().filter(filter).sorted(Comparator.comparingInt(n -> n.path("round").asInt())).toList();
    }

    private static Predicate<JsonNode> is(String kind, String subject, int nodes, long principals, int concurrency) {
        return n -> n.path("kind").asText().equals(kind) && n.path("subject").asText().equals(subject) && n.path("nodes").asInt() == nodes
                && (principals < 0 || n.path("principals").asLong() == principals) && n.path("concurrency").asInt() == concurrency;
    }

    private static List<Integer> levels(List<JsonNode> lines) {
        return lines.stream().map(n -> n.path("concurrency").asInt()).distinct().sorted().toList();
    }

    /** The main part's subjects, in table order: plain mfa4j, mfa4j with its lookup cache, the bare-JDBC floor. */
    private static final List<String> SUBJECTS = List.of("mfa4j", "mfa4j-cache", "floor");

    /** @return how a subject reads in a table */
    private String label(String subject) {
        if (!subject.equals("mfa4j-cache")) {
            return subject;
        }
        return load.stream().filter(n -> n.path("subject").asText().equals(subject)).findFirst()
                .map(n -> "mfa4j, lookup cache " + n.path("lookupCacheSeconds").asInt() + " s").orElse("mfa4j, lookup cache");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().filter(Objects::nonNull).filter(v -> !v.isNaN()).sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String summary(List<JsonNode> lines, ToDoubleFunction<JsonNode> value, String format) {
        List<Double> values = lines.stream().map(value::applyAsDouble).toList();
        if (values.isEmpty()) {
            return "–";
        }
        double median = median(values);
        if (values.size() == 1) {
            return String.format(Locale.ROOT, format, median);
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, format + " (" + format + " – " + format + ")", median, min, max);
    }

    private static double num(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }

    /** Per-round ratios of {@code a / b} (same round), their median and range. */
    private static String ratio(List<JsonNode> a, List<JsonNode> b, ToDoubleFunction<JsonNode> value, String format) {
        Map<Integer, Double> byRound = new TreeMap<>();
        for (JsonNode x : a) {
            for (JsonNode y : b) {
                if (x.path("round").asInt() == y.path("round").asInt()) {
                    byRound.put(x.path("round").asInt(), value.applyAsDouble(x) / value.applyAsDouble(y));
                }
            }
        }
        List<Double> values = new ArrayList<>(byRound.values());
        if (values.isEmpty()) {
            return "–";
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return values.size() == 1 ? String.format(Locale.ROOT, format, values.get(0))
                : String.format(Locale.ROOT, format + " (" + format + " – " + format + ")", median(values), min, max);
    }

    // ---- tables ---------------------------------------------------------------------------------

    private void main() {
        List<JsonNode> main = select(n -> n.path("kind").asText().equals("main"));
        if (main.isEmpty()) {
            return;
        }
        long principals = main.get(0).path("principals").asLong();
        int rounds = main.stream().mapToInt(n -> n.path("round").asInt()).max().orElse(0);
        line("### 8. Passcode verification on PostgreSQL (%d rounds, %,d principals; medians, ranges in brackets)", rounds, principals);
        line("");
        line("| concurrency per node | subject | nodes | verifications/s | p50 ms | p99 ms | round trips / verification | statements / verification "
                + "| client CPU µs / verification (without JIT) | database CPU µs / verification | connections in use (pool) "
                + "| backends waiting on a lock | load average |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int level : levels(main)) {
            for (int nodes : List.of(1, 2)) {
                for (String subject : SUBJECTS) {
                    List<JsonNode> lines = select(is("main", subject, nodes, -1, level));
                    if (lines.isEmpty()) {
                        continue;
                    }
                    line("| %d | %s | %d | %s | %s | %s | %s | %s | %s (%s) | %s | %s (%d) | %s | %s |", level, label(subject), nodes,
                            summary(lines, n -> num(n, "throughputPerSecond"), "%,.0f"),
                            summary(lines, n -> num(n, "p50Millis"), "%.2f"),
                            summary(lines, n -> num(n, "p99Millis"), "%.1f"),
                            summary(lines, n -> num(n, "roundTripsPerVerification"), "%.2f"),
                            summary(lines, n -> num(n, "statementsPerVerification"), "%.2f"),
                            summary(lines, n -> num(n, "clientCpuMicrosPerVerification"), "%.0f"),
                            summary(lines, n -> num(n, "clientCpuMicrosPerVerificationWithoutJit"), "%.0f"),
                            summary(lines, n -> num(n, "dbCpuMicrosPerVerification"), "%.0f"),
                            summary(lines, n -> num(n, "connectionsInUseMean"), "%.1f"),
                            lines.get(0).path("poolSize").asInt(),
                            summary(lines, n -> n.path("waits").path("lockWaitingBackendsMean").asDouble(), "%.2f"),
                            lines.stream().map(n -> n.path("loadAverage").asText().split(" ")[0]).toList());
                }
            }
        }
        line("");
    }

    private void ratios() {
        List<JsonNode> main = select(n -> n.path("kind").asText().equals("main"));
        if (main.isEmpty()) {
            return;
        }
        String cached = label("mfa4j-cache");
        line("| concurrency per node | mfa4j / floor throughput, 1 node | mfa4j / floor throughput, 2 nodes | " + cached
                + " / floor throughput, 1 node | " + cached + " / floor throughput, 2 nodes | mfa4j 2 nodes / 1 node, "
                + "client + database CPU per verification (without JIT) | floor 2 nodes / 1 node, the same | mfa4j / floor CPU per verification, 1 node |");
        line("|---|---|---|---|---|---|---|---|");
        for (int level : levels(main)) {
            List<JsonNode> m1 = select(is("main", "mfa4j", 1, -1, level));
            List<JsonNode> f1 = select(is("main", "floor", 1, -1, level));
            List<JsonNode> m2 = select(is("main", "mfa4j", 2, -1, level));
            List<JsonNode> f2 = select(is("main", "floor", 2, -1, level));
            List<JsonNode> c1 = select(is("main", "mfa4j-cache", 1, -1, level));
            List<JsonNode> c2 = select(is("main", "mfa4j-cache", 2, -1, level));
            line("| %d | %s | %s | %s | %s | %s (%s) | %s (%s) | %s |", level,
                    ratio(m1, f1, n -> num(n, "throughputPerSecond"), "%.2f"),
                    ratio(m2, f2, n -> num(n, "throughputPerSecond"), "%.2f"),
                    ratio(c1, f1, n -> num(n, "throughputPerSecond"), "%.2f"),
                    ratio(c2, f2, n -> num(n, "throughputPerSecond"), "%.2f"),
                    ratio(m2, m1, n -> num(n, "totalCpuMicrosPerVerification"), "%.2f"),
                    ratio(m2, m1, n -> num(n, "totalCpuMicrosPerVerificationWithoutJit"), "%.2f"),
                    ratio(f2, f1, n -> num(n, "totalCpuMicrosPerVerification"), "%.2f"),
                    ratio(f2, f1, n -> num(n, "totalCpuMicrosPerVerificationWithoutJit"), "%.2f"),
                    ratio(m1, f1, n -> num(n, "totalCpuMicrosPerVerification"), "%.2f"));
        }
        line("");
    }

    /** What each statement costs, for mfa4j and the floor on one node, all levels and rounds together. */
    private void statements() {
        for (String subject : SUBJECTS) {
            List<JsonNode> lines = select(n -> n.path("kind").asText().equals("main") && n.path("subject").asText().equals(subject)
                    && n.path("nodes").asInt() == 1);
            if (lines.isEmpty()) {
                continue;
            }
            long completed = lines.stream().mapToLong(n -> n.path("completed").asLong()).sum();
            Map<String, double[]> byStatement = new TreeMap<>();
            for (JsonNode n : lines) {
                n.path("byStatement").properties().forEach(e -> {
                    double[] sum = byStatement.computeIfAbsent(shorten(e.getKey()), k -> new double[3]);
                    sum[0] += e.getValue().path("calls").asDouble();
                    sum[1] += e.getValue().path("execMillis").asDouble();
                    sum[2] += e.getValue().path("rows").asDouble();
                });
            }
            line("Statements of %s, one node (pg_stat_statements, every level and round; execution time inside the server):", label(subject));
            line("");
            line("| statement | per verification | mean µs in the server | rows per call |");
            line("|---|---|---|---|");
            byStatement.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0])).forEach(e -> line(
                    "| `%s` | %.3f | %.1f | %.2f |", e.getKey(), e.getValue()[0] / completed, e.getValue()[1] * 1000 / e.getValue()[0],
                    e.getValue()[2] / e.getValue()[0]));
            line("");
        }
    }

    private static String shorten(String query) {
        String oneLine = query.replaceAll("\\s+", " ").replaceAll("b8n\\d+_", "mfa_");
        return oneLine.length() > 110 ? oneLine.substring(0, 107) + "..." : oneLine;
    }

    private void growth() {
        List<JsonNode> growth = select(n -> n.path("kind").asText().equals("growth"));
        if (growth.isEmpty()) {
            return;
        }
        List<Long> sizes = growth.stream().map(n -> n.path("principals").asLong()).distinct().sorted().toList();
        long smallest = sizes.get(0);
        line("Flat as data grows: mfa4j, one node, principals' rows in every table (assignments, attempts, used passcodes):");
        line("");
        line("| concurrency | principals | verifications/s | p50 ms | p50 / p50 at %,d (per round) | p99 ms | sweep statements / verification "
                + "| sweep µs in the server / verification | sweep mean ms per call | rows deleted per sweep call | sweep µs per row deleted "
                + "| blocks read from outside shared buffers / verification | load average |", smallest);
        line("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int level : levels(growth)) {
            List<JsonNode> base = select(is("growth", "mfa4j", 1, smallest, level));
            for (long size : sizes) {
                List<JsonNode> lines = select(is("growth", "mfa4j", 1, size, level));
                line("| %d | %,d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |", level, size,
                        summary(lines, n -> num(n, "throughputPerSecond"), "%,.0f"),
                        summary(lines, n -> num(n, "p50Millis"), "%.2f"),
                        ratio(lines, base, n -> num(n, "p50Millis"), "%.2f"),
                        summary(lines, n -> num(n, "p99Millis"), "%.1f"),
                        summary(lines, n -> sweep(n)[0] / num(n, "completed"), "%.4f"),
                        summary(lines, n -> sweep(n)[1] * 1000 / num(n, "completed"), "%.2f"),
                        summary(lines, n -> sweep(n)[0] == 0 ? Double.NaN : sweep(n)[1] / sweep(n)[0], "%.2f"),
                        // Every call of this part is accepted, so nothing but the sweep deletes rows.
                        summary(lines, n -> sweep(n)[0] == 0 ? Double.NaN : deleted(n) / sweep(n)[0], "%.0f"),
                        summary(lines, n -> deleted(n) == 0 ? Double.NaN : sweep(n)[1] * 1000 / deleted(n), "%.2f"),
                        summary(lines, n -> n.path("database").path("blks_read").asDouble() / num(n, "completed"), "%.2f"),
                        lines.stream().map(n -> n.path("loadAverage").asText().split(" ")[0]).toList());
            }
        }
        line("");
    }

    /** @return rows the database deleted in a window (pg_stat_database) */
    private static double deleted(JsonNode n) {
        return n.path("database").path("tup_deleted").asDouble();
    }

    /** @return calls and milliseconds of the expired-row sweep in a window */
    private static double[] sweep(JsonNode n) {
        double[] sum = new double[2];
        n.path("byStatement").properties().forEach(e -> {
            if (e.getKey().contains("DELETE FROM") && e.getKey().contains("expires_at_us <=")) {
                sum[0] += e.getValue().path("calls").asDouble();
                sum[1] += e.getValue().path("execMillis").asDouble();
            }
        });
        return sum;
    }

    private void lockout() {
        if (lockouts.isEmpty()) {
            return;
        }
        line("Exact lockout under load: two nodes (JVMs), each sending %d wrong passcodes for one principal at once:",
                lockouts.get(0).path("nodes").path(0).path("sent").asInt());
        line("");
        line("| round | sent | reached the provider (node 1 + node 2) | INVALID_PASSCODE | TOO_MANY_ATTEMPTS | other | failures stored | locked out "
                + "| used-passcode rows left | provider calls ≤ maxFailures (5) and counts match |");
        line("|---|---|---|---|---|---|---|---|---|---|");
        for (JsonNode l : lockouts) {
            long sent = l.path("sent").asLong();
            long calls = l.path("providerCalls").asLong();
            long invalid = l.path("reasons").path("INVALID_PASSCODE").asLong();
            long locked = l.path("reasons").path("TOO_MANY_ATTEMPTS").asLong();
            long other = sent - invalid - locked;
            long stored = l.path("storedFailures").asLong();
            boolean ok = calls <= 5 && invalid == calls && invalid + locked == sent && stored == calls;
            line("| %d | %d | %d (%d + %d) | %d | %d | %d | %d | %s | %d | %s |", l.path("round").asInt(), sent, calls,
                    l.path("nodes").path(0).path("providerCalls").asLong(), l.path("nodes").path(1).path("providerCalls").asLong(), invalid,
                    locked, other, stored, l.path("lockedOut").asBoolean() ? "yes" : "no", l.path("usedPasscodeRowsLeft").asLong(),
                    ok ? "**yes**" : "**no**");
        }
        line("");
    }

    private void duo() {
        List<JsonNode> duo = select(n -> n.path("kind").asText().equals("duo"));
        if (duo.isEmpty()) {
            return;
        }
        line("End to end with the Duo simulator (loopback HTTPS, another JVM), one node, one round:");
        line("");
        line("| concurrency | verifications/s | allowed | p50 ms | p99 ms | round trips / verification | statements / verification "
                + "| client CPU µs / verification | database CPU µs / verification | connections in use (pool) | load average |");
        line("|---|---|---|---|---|---|---|---|---|---|---|");
        Map<Integer, JsonNode> byLevel = new LinkedHashMap<>();
        duo.forEach(n -> byLevel.put(n.path("concurrency").asInt(), n));
        byLevel.forEach((level, n) -> line("| %d | %,.0f | %.0f %% | %.2f | %.1f | %.2f | %.2f | %.0f | %.0f | %.1f (%d) | %s |", level,
                num(n, "throughputPerSecond"), 100 * num(n, "allowed") / num(n, "completed"), num(n, "p50Millis"), num(n, "p99Millis"),
                num(n, "roundTripsPerVerification"), num(n, "statementsPerVerification"), num(n, "clientCpuMicrosPerVerification"),
                num(n, "dbCpuMicrosPerVerification"), num(n, "connectionsInUseMean"), n.path("poolSize").asInt(),
                n.path("loadAverage").asText().split(" ")[0]));
        line("");
    }
}
