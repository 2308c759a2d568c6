package dev.mfa4j.testkit.duo;

import dev.mfa4j.testkit.duo.internal.SimulatorConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link DuoSimulator} from the command line until it is stopped (Ctrl-C), for manual
 * trials, demos and benchmarks:
 *
 * <pre>
 * java -jar mfa-testkit-VERSION-standalone.jar --port 8443 --config duo.json [--bind 127.0.0.1] [--cert-out cert.pem] [--stats 5]
 * </pre>
 *
 * <p>It prints the address, the path of the certificate PEM it wrote, and each integration key
 * (with its secret key only when the file named none and a random one was made). The JSON format
 * is described in {@code docs/testkit.md}. Its only output is on standard output and error.
 *
 * @since 0.1.0
 */
public final class DuoSimulatorMain {

    private DuoSimulatorMain() {
    }

    /**
     * Starts the simulator and waits; exits with status 2 on bad arguments or configuration.
     *
     * @param args the command line, as the class description gives it
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        DuoSimulator simulator;
        try {
            simulator = launch(args, System.out);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("duo-simulator: " + e.getMessage());
            System.err.println("usage: [--port N (default 8443)] [--bind ADDRESS] [--config FILE.json] [--cert-out FILE.pem]"
                    + " [--stats SECONDS]");
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "duo-simulator-shutdown"));
        stopped.await();
    }

    /**
     * Parses {@code args}, starts the simulator and prints where it is.
     *
     * @throws IllegalArgumentException for a bad argument or configuration
     * @throws IOException              if the configuration or certificate file fails
     */
    static DuoSimulator launch(String[] args, PrintStream out) throws IOException {
        int port = 8443;
        InetAddress bind = InetAddress.getLoopbackAddress();
        Path config = null;
        Path certOut = null;
        int statsSeconds = 0;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(required(args[i], value));
                case "--bind" -> bind = InetAddress.getByName(required(args[i], value));
                case "--config" -> config = Path.of(required(args[i], value));
                case "--cert-out" -> certOut = Path.of(required(args[i], value));
                case "--stats" -> statsSeconds = Integer.parseInt(required(args[i], value));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
            i++;
        }
        DuoSimulator.Builder builder = DuoSimulator.builder().port(port).bindAddress(bind)
                // A long-running simulator must not keep every request for a takeRequest nobody calls.
                .requestLogCapacity(1000);
        SimulatorConfig.Loaded loaded = config == null
                ? new SimulatorConfig.Loaded(builder, java.util.List.of(), false)
                : SimulatorConfig.read(config, builder);
        DuoSimulator simulator = loaded.builder().build();
        loaded.scripts().forEach(script -> simulator.scriptPushes(script.username(), script.behaviour()));
        simulator.start();
        Path pem = certOut != null ? certOut : Files.createTempFile("duo-simulator-", ".pem");
        Files.writeString(pem, simulator.certificatePem(), StandardCharsets.US_ASCII);
        out.println("Duo simulator listening on " + simulator.baseUrl() + " (API host " + simulator.host() + ")");
        out.println("Certificate: " + pem.toAbsolutePath());
        out.println("Certificate pin: " + simulator.certificatePin());
        // A generated integration's secret key is printed, or nobody could sign; a given one is not.
        boolean generated = !loaded.integrationsGiven();
        for (Integration integration : simulator.integrations()) {
            out.println("Integration: " + integration.integrationKey()
                    + (generated ? " secret key " + integration.secretKey() : ""));
        }
        out.flush();
        if (statsSeconds > 0) {
            printStats(simulator, statsSeconds, out);
        }
        return simulator;
    }

    /** A line every {@code seconds} with the request count and the long-polls parked now. */
    private static void printStats(DuoSimulator simulator, int seconds, PrintStream out) {
        Thread stats = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(seconds * 1000L);
                    out.println("stats: requests=" + simulator.requestCount() + " parkedLongPolls=" + simulator.parkedLongPolls()
                            + " threads=" + Thread.activeCount());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "duo-simulator-stats");
        stats.setDaemon(true);
        stats.start();
    }

    private static String required(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }
}
