package dev.mfa4j.benchmarks;

import com.duosecurity.client.Auth;
import com.duosecurity.client.Http;
import dev.mfa4j.duo.internal.PasscodeRequests;
import java.net.http.HttpRequest;
import java.time.Clock;
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
 * Benchmark 1: the CPU cost of building and signing one typical passcode {@code POST /auth/v2/auth}
 * (signature v5, HMAC-SHA512, JSON body), single-threaded, no network.
 *
 * <ul>
 *   <li>{@code mfa4j}: the duo provider's own encoder, from parameters to a ready
 *       {@code java.net.http.HttpRequest} (date, JSON body, canonical string, body hash, HMAC,
 *       Authorization header, URI).</li>
 *   <li>{@code mfa4jEncodeOnly}: the same up to the signed, encoded request, without making the
 *       {@code HttpRequest} (for comparison with the floor, which makes none).</li>
 *   <li>{@code duoClient}: Duo's client 0.7.1 as its README shows it: a request object (which
 *       builds its own OkHttpClient), three {@code addParam}, {@code signRequest}.</li>
 *   <li>{@code jdkFloor}: the JDK alone: JSON body by concatenation, SHA-512 of it, canonical
 *       string, HMAC-SHA512 with a reused keyed {@code Mac}, hex, Base64.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class RequestSigningBenchmark {

    static final String HOST = "api-12345678.duosecurity.com";
    static final String USER = "alice";

    private final String[] passcodes = new String[1024];
    private int next;
    private PasscodeRequests mfa4j;
    private BenchKeys.JdkV5Signer floor;

    @Setup
    public void setUp() {
        for (int i = 0; i < passcodes.length; i++) {
            passcodes[i] = Integer.toString(100000 + i * 7);
        }
        mfa4j = new PasscodeRequests(HOST, BenchKeys.IKEY, BenchKeys.SKEY, Clock.systemUTC());
        floor = new BenchKeys.JdkV5Signer(HOST);
    }

    private String passcode() {
        return passcodes[next++ & (passcodes.length - 1)];
    }

    @Benchmark
    public HttpRequest mfa4j() {
        return mfa4j.build(USER, passcode());
    }

    @Benchmark
    public String mfa4jEncodeOnly() {
        return mfa4j.authorization(USER, passcode());
    }

    @Benchmark
    public Http duoClient() throws Exception {
        Http request = new Auth.AuthBuilder("POST", HOST, BenchKeys.AUTH_PATH).build();
        request.addParam("username", USER);
        request.addParam("factor", "passcode");
        request.addParam("passcode", passcode());
        request.signRequest(BenchKeys.IKEY, BenchKeys.SKEY);
        return request;
    }

    @Benchmark
    public String jdkFloor() {
        byte[] body = BenchKeys.JdkV5Signer.passcodeBody(USER, passcode());
        return floor.authorization(floor.date(), BenchKeys.AUTH_PATH, body);
    }
}
