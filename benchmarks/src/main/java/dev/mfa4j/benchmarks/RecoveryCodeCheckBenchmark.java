package dev.mfa4j.benchmarks;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.spi.EnrollmentData;
import dev.mfa4j.core.RecoveryCodePolicy;
import dev.mfa4j.core.internal.RecoveryCodeBook;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 6: what checking one recovery code costs with the default {@link RecoveryCodePolicy}
 * (Argon2id, 19,456 KiB, 2 passes, 1 lane), single-threaded: a right code, a wrong code whose
 * first four characters name one of the set's entries (one hash to compare), and a wrong code
 * that names none (one hash spent on nothing). The three should cost the same: time must not
 * tell an attacker which case it is.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class RecoveryCodeCheckBenchmark {

    private RecoveryCodeBook book;
    private EnrollmentData set;
    private Credential.RecoveryCode right;
    private Credential.RecoveryCode wrongSameEntry;
    private Credential.RecoveryCode wrongNoEntry;

    @Setup
    public void setUp() {
        book = new RecoveryCodeBook(RecoveryCodePolicy.defaults());
        RecoveryCodeBook.NewSet generated = book.generate(Instant.parse("2026-12-02T10:00:00Z"));
        set = generated.kept();
        String code = generated.shown().get(0).replace("-", "");
        right = new Credential.RecoveryCode(code);
        char last = code.charAt(15);
        wrongSameEntry = new Credential.RecoveryCode(code.substring(0, 15) + (last == 'A' ? 'B' : 'A'));
        String other = "ZZZZ";
        while (set.values().containsKey("C_" + other)) {
            other = other.equals("ZZZZ") ? "YYYY" : "XXXX";
        }
        wrongNoEntry = new Credential.RecoveryCode(other + code.substring(4));
    }

    @Benchmark
    public Optional<String> rightCode() {
        return book.match(right, set);
    }

    @Benchmark
    public Optional<String> wrongCodeOfAnEntry() {
        return book.match(wrongSameEntry, set);
    }

    @Benchmark
    public Optional<String> wrongCodeOfNoEntry() {
        return book.match(wrongNoEntry, set);
    }
}
