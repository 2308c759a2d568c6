package dev.mfa4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Turns benchmarks/target/results/ into the markdown tables of docs/benchmarks.md: per-round
 * values, their median and range, and ratios computed within each round (same run, same load)
 * before taking their median.
 */
public final class Report {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final StringBuilder out = new StringBuilder();

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Report report = new Report();
        report.machine(dir);
        report.jmh(dir);
        report.passcodeLoad(dir);
        report.pushes(dir);
        System.out.print(report.out);
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private void machine(Path dir) throws IOException {
        Path file = dir.resolve("machine.txt");
        if (Files.exists(file)) {
            line("```");
            out.append(Files.readString(file));
            line("```");
            line("");
        }
    }

    // ---- 1 and 2 --------------------------------------------------------------------------

    private void jmh(Path dir) throws IOException {
        List<Path> rounds;
        try (Stream<Path> files = Files.list(dir)) {
            rounds = files.filter(p -> p.getFileName().toString().matches("jmh-round\\d+\\.json")).sorted().toList();
        }
        if (rounds.isEmpty()) {
            return;
        }
        // benchmark -> per-round score and allocation
        Map<String, List<Double>> score = new TreeMap<>();
        Map<String, List<Double>> alloc = new TreeMap<>();
        for (Path round : rounds) {
            for (JsonNode run : JSON.readTree(round.toFile())) {
                String name = run.get("benchmark").asText().replace("dev.mfa4j.benchmarks.", "");
                score.computeIfAbsent(name, k -> new ArrayList<>()).add(run.path("primaryMetric").path("score").asDouble());
                JsonNode norm = run.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score");
                if (!norm.isMissingNode()) {
                    alloc.computeIfAbsent(name, k -> new ArrayList<>()).add(norm.asDouble());
                }
            }
        }
        line("### 1. Build + sign one passcode `/auth/v2/auth` (v5), µs per request (%d rounds)", rounds.size());
        line("");
        line("| subject | median µs | range | allocated B/op (median) |");
        line("|---|---|---|---|");
        for (String subject : List.of("mfa4j", "mfa4jEncodeOnly", "duoClient", "jdkFloor")) {
            List<Double> s = score.get("RequestSigningBenchmark." + subject);
            if (s != null) {
                line("| %s | %.2f | %.2f – %.2f | %.0f |", subject, median(s), min(s), max(s),
                        median(alloc.getOrDefault("RequestSigningBenchmark." + subject, List.of(Double.NaN))));
            }
        }
        List<Double> mfa = score.get("RequestSigningBenchmark.mfa4j");
        List<Double> duo = score.get("RequestSigningBenchmark.duoClient");
        List<Double> floor = score.get("RequestSigningBenchmark.jdkFloor");
        if (mfa != null && duo != null && floor != null) {
            line("");
            line("| ratio (per round, then median) | median | range |");
            line("|---|---|---|");
            ratioRow("mfa4j / floor (target ≤ 2)", mfa, floor);
            List<Double> encodeOnly = score.get("RequestSigningBenchmark.mfa4jEncodeOnly");
            if (encodeOnly != null) {
                ratioRow("mfa4j without the HttpRequest / floor", encodeOnly, floor);
            }
            ratioRow("duo-client / mfa4j", duo, mfa);
            ratioRow("duo-client / floor", duo, floor);
        }
        List<Double> verify = score.get("VerifyOverheadBenchmark.verify");
        if (verify != null) {
            line("");
            line("### 2. `MfaService.verify` with the fake provider, µs per verify (%d rounds)", rounds.size());
            line("");
            line("| median µs | range | allocated B/op (median) | target |");
            line("|---|---|---|---|");
            line("| %.2f | %.2f – %.2f | %.0f | ≤ 2 µs: %s |", median(verify), min(verify), max(verify),
                    median(alloc.getOrDefault("VerifyOverheadBenchmark.verify", List.of(Double.NaN))),
                    median(verify) <= 2 ? "met" : "missed");
        }
        line("");
    }

    private void ratioRow(String label, List<Double> a, List<Double> b) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            ratios.add(a.get(i) / b.get(i));
        }
        line("| %s | %.2f | %.2f – %.2f |", label, median(ratios), min(ratios), max(ratios));
    }

    // ---- 3 --------------------------------------------------------------------------------

    private void passcodeLoad(Path dir) throws IOException {
        List<JsonNode> rows = jsonLines(dir.resolve("passcode-load.jsonl"));
        if (rows.isEmpty()) {
            return;
        }
        line("### 3. Passcode verify end to end (loopback HTTPS, simulator in another JVM)");
        line("");
        line("| concurrency | client | verifies/s median (range) | p50 ms | p99 ms | client CPU µs/verify median (range) | same without JIT threads | context switches/verify | KB allocated/verify | not allowed / failed |");
        line("|---|---|---|---|---|---|---|---|---|---|");
        for (int concurrency : new int[] {1, 16, 64}) {
            for (String client : List.of("mfa4j", "duo-client", "floor")) {
                List<JsonNode> cell = rows.stream().filter(r -> r.path("concurrency").asInt() == concurrency
                        && r.path("client").asText().equals(client)).toList();
                if (cell.isEmpty()) {
                    continue;
                }
                List<Double> tput = values(cell, r -> r.path("throughputPerSecond").asDouble());
                List<Double> cpu = values(cell, r -> r.path("cpuMicrosPerVerify").asDouble());
                long failed = cell.stream().mapToLong(r -> r.path("completed").asLong() - r.path("allowed").asLong()).sum();
                List<Double> noJit = values(cell, r -> r.path("cpuMicrosPerVerifyWithoutJit").asDouble());
                List<Double> allocated = values(cell.stream().filter(r -> r.path("allocatedBytesPerVerify").isNumber()).toList(),
                        r -> r.path("allocatedBytesPerVerify").asDouble() / 1024);
                line("| %d | %s | %.0f (%.0f – %.0f) | %.1f | %.1f | %.0f (%.0f – %.0f) | %.0f (%.0f – %.0f) | %.1f | %s | %d |", concurrency,
                        client, median(tput), min(tput), max(tput), median(values(cell, r -> r.path("p50Millis").asDouble())),
                        median(values(cell, r -> r.path("p99Millis").asDouble())), median(cpu), min(cpu), max(cpu),
                        median(noJit), min(noJit), max(noJit), median(values(cell, r -> r.path("contextSwitchesPerVerify").asDouble())),
                        allocated.isEmpty() ? "–" : String.format(Locale.ROOT, "%.1f", median(allocated)), failed);
            }
        }
        line("");
        line("| concurrency | mfa4j / duo-client throughput | mfa4j / floor CPU per verify | same without JIT threads | duo-client / floor CPU per verify | mfa4j / floor throughput |");
        line("|---|---|---|---|---|---|");
        for (int concurrency : new int[] {1, 16, 64}) {
            List<Double> tputRatio = new ArrayList<>();
            List<Double> cpuRatio = new ArrayList<>();
            List<Double> duoCpuRatio = new ArrayList<>();
            List<Double> floorTputRatio = new ArrayList<>();
            List<Double> noJitRatio = new ArrayList<>();
            for (String round : rows.stream().map(r -> r.path("round").asText()).distinct().toList()) {
                JsonNode mfa = find(rows, round, concurrency, "mfa4j");
                JsonNode duo = find(rows, round, concurrency, "duo-client");
                JsonNode floor = find(rows, round, concurrency, "floor");
                if (mfa != null && duo != null) {
                    tputRatio.add(mfa.path("throughputPerSecond").asDouble() / duo.path("throughputPerSecond").asDouble());
                }
                if (mfa != null && floor != null) {
                    cpuRatio.add(mfa.path("cpuMicrosPerVerify").asDouble() / floor.path("cpuMicrosPerVerify").asDouble());
                    floorTputRatio.add(mfa.path("throughputPerSecond").asDouble() / floor.path("throughputPerSecond").asDouble());
                    noJitRatio.add(mfa.path("cpuMicrosPerVerifyWithoutJit").asDouble() / floor.path("cpuMicrosPerVerifyWithoutJit").asDouble());
                }
                if (duo != null && floor != null) {
                    duoCpuRatio.add(duo.path("cpuMicrosPerVerify").asDouble() / floor.path("cpuMicrosPerVerify").asDouble());
                }
            }
            line("| %d | %s | %s | %s | %s | %s |", concurrency, summary(tputRatio), summary(cpuRatio), summary(noJitRatio),
                    summary(duoCpuRatio), summary(floorTputRatio));
        }
        line("");
    }

    private static JsonNode find(List<JsonNode> rows, String round, int concurrency, String client) {
        return rows.stream().filter(r -> r.path("round").asText().equals(round) && r.path("concurrency").asInt() == concurrency
                && r.path("client").asText().equals(client)).findFirst().orElse(null);
    }

    // ---- 4 --------------------------------------------------------------------------------

    private void pushes(Path dir) throws IOException {
        List<JsonNode> rows = jsonLines(dir.resolve("push-concurrency.jsonl"));
        if (rows.isEmpty()) {
            return;
        }
        line("### 4. Pushes in flight, each approved by the simulator after 5 s (client JVM -Xmx256m)");
        line("");
        line("| client | options | pushes | all approved | outcomes | peak waiting at Duo at once | peak live threads (at rest) | peak OS threads | peak heap used MiB | peak sockets | last result after s | error |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (JsonNode r : rows) {
            line("| %s | %s | %d | %s | %s | %s | %s (%s) | %s | %s | %s | %s | %s |", r.path("client").asText(), text(r, "options"),
                    r.path("count").asInt(),
                    r.path("allApproved").asBoolean() ? "yes" : "**no**", r.path("outcomes").toString().replace("\"", ""),
                    text(r, "peakWaitingAtDuo"), text(r, "peakLiveThreads"), text(r, "threadsAtRest"), text(r, "peakOsThreads"),
                    text(r, "peakHeapUsedMiB"), text(r, "peakSockets"), text(r, "lastCompletionSeconds"), text(r, "error"));
        }
        line("");
    }

    private static String text(JsonNode row, String field) {
        JsonNode node = row.path(field);
        return node.isMissingNode() || node.isNull() ? "–" : node.asText().replace("|", "/");
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
        }
        return rows;
    }

    private static List<Double> values(List<JsonNode> rows, ToDoubleFunction<JsonNode> f) {
        return rows.stream().map(f::applyAsDouble).toList();
    }

    private static String summary(List<Double> values) {
        return values.isEmpty() ? "–" : String.format(Locale.ROOT, "%.2f (%.2f – %.2f)", median(values), min(values), max(values));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
