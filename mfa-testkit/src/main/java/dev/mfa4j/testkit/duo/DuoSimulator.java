package dev.mfa4j.testkit.duo;

import dev.mfa4j.api.spi.Ticker;
import dev.mfa4j.testkit.duo.internal.AuthApi;
import dev.mfa4j.testkit.duo.internal.Directory;
import dev.mfa4j.testkit.duo.internal.FaultPlan;
import dev.mfa4j.testkit.duo.internal.Pushes;
import dev.mfa4j.testkit.duo.internal.RequestLog;
import dev.mfa4j.testkit.duo.internal.SignatureVerifier;
import dev.mfa4j.testkit.duo.internal.SimulatorServer;
import dev.mfa4j.testkit.duo.internal.SmsOutbox;
import dev.mfa4j.testkit.duo.internal.TlsMaterial;
import dev.mfa4j.testkit.duo.internal.Transaction;
import dev.mfa4j.testkit.duo.internal.TxState;
import dev.mfa4j.testkit.internal.TickerScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Duo Auth API v2 server on loopback, for tests of a login flow: it serves {@code ping},
 * {@code check}, {@code preauth}, {@code auth} and {@code auth_status} over HTTPS with Duo's
 * envelope, result and status values and error codes, verifies request signatures (v2 with
 * HMAC-SHA1 or HMAC-SHA512, v5) for the integrations it knows, and plays scripted users:
 * passcodes that work once, pushes approved or denied after a delay or by the test, Verified
 * Push, bypass, locked-out and unenrolled users. Faults can be injected, and every request is
 * recorded for {@link #takeRequest(Duration)}.
 *
 * <pre>{@code
 * try (DuoSimulator duo = DuoSimulator.builder()
 *         .user(DuoUser.builder("alice").smartphone().passcodes("123456").build())
 *         .start()) {
 *     // point the client at duo.host() or duo.baseUrl(), sign with duo.integration(),
 *     // trust duo.clientSslContext(); then assert on duo.takeRequest(...)
 * }
 * }</pre>
 *
 * <p>Lifecycle: build, {@link #start()} once, {@link #close()}; an instance cannot be restarted.
 * It listens on {@code 127.0.0.1}, port 0 (a free port) unless told otherwise, with a fresh
 * self-signed EC certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1}. Starting
 * one takes tens of milliseconds, so one per test class (or per test) is fine.
 *
 * <p>Loading this class sets two system properties of the JDK's server unless they are already
 * set: {@code sun.net.httpserver.nodelay=true} (else each answer can wait ~40 ms for a delayed
 * ACK) and {@code sun.net.httpserver.idleInterval=300} (else a connection not yet read within
 * 30 s, or idle for 30 s, is closed).
 *
 * <p>Threads: a fixed pool of {@link Builder#serverThreads(int)} workers, the JDK server's
 * dispatcher and one timer thread, whatever the load: a waiting {@code auth_status} or
 * synchronous push holds a connection, not a thread. All methods are thread-safe. Arguments
 * must not be null; methods that look up a user or a txid throw
 * {@link IllegalArgumentException} for one the simulator does not know.
 *
 * @since 0.1.0
 */
public final class DuoSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DuoSimulator.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    static {
        // The JDK's server leaves Nagle's algorithm on; with delayed ACKs that adds about 40 ms
        // to each answer on a kept-alive connection. Read once, when its ServerConfig loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        // It also closes a connection whose request it has not started reading within 30 s:
        // under a burst of thousands of TLS handshakes, queued ones would be dropped.
        if (System.getProperty("sun.net.httpserver.idleInterval") == null) {
            System.setProperty("sun.net.httpserver.idleInterval", "300");
        }
    }

    private final Builder settings;
    private final Directory directory = new Directory();
    private final FaultPlan faults = new FaultPlan();
    private final RequestLog log;
    private final SmsOutbox sms = new SmsOutbox();
    private final ScheduledThreadPoolExecutor timerThread;
    private final TickerScheduler timer;
    private final ExecutorService workers;
    private final Pushes pushes;

    private enum State { NEW, RUNNING, CLOSED }

    private State state = State.NEW;
    private volatile TlsMaterial tls;
    private volatile SimulatorServer server;
    private volatile int port;

    private DuoSimulator(Builder builder) {
        this.settings = builder.copy();
        int instance = INSTANCES.incrementAndGet();
        this.log = new RequestLog(settings.requestLogCapacity);
        this.timerThread = new ScheduledThreadPoolExecutor(1, threads("duo-simulator-" + instance + "-timer"));
        timerThread.setRemoveOnCancelPolicy(true);
        this.timer = new TickerScheduler(settings.ticker, timerThread);
        this.workers = Executors.newFixedThreadPool(settings.serverThreads, threads("duo-simulator-" + instance + "-worker"));
        PushBehaviour fallback = settings.defaultPushBehaviour;
        this.pushes = new Pushes(timer, settings.pushTimeout, () -> fallback, directory);
        settings.integrations.forEach(directory::add);
        if (settings.integrations.isEmpty()) {
            directory.add(Integration.random("default"));
        }
        settings.users.forEach(directory::add);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Starts configuring a simulator.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Makes the certificate, binds the port and starts serving; returns this simulator.
     *
     * @return this simulator, started
     * @throws IllegalStateException if already started or closed
     * @throws UncheckedIOException  if the port cannot be bound
     */
    public synchronized DuoSimulator start() {
        if (state != State.NEW) {
            throw new IllegalStateException("a DuoSimulator starts once; this one is " + state);
        }
        Set<InetAddress> addresses = new LinkedHashSet<>();
        try {
            addresses.add(InetAddress.getByName("127.0.0.1"));
            addresses.add(InetAddress.getByName("::1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        addresses.add(settings.bindAddress);
        tls = TlsMaterial.generate(List.of("localhost"), addresses);
        Set<String> signedHosts = new LinkedHashSet<>();
        settings.apiHostname.ifPresent(signedHosts::add);
        SignatureVerifier verifier = new SignatureVerifier(directory::secretKey, settings.clock,
                settings.allowedClockSkew, signedHosts);
        AuthApi api = new AuthApi(directory, pushes, sms, settings.clock, timer,
                settings.authStatusHold, () -> settings.apiHostname.orElse(host()));
        try {
            server = new SimulatorServer(new InetSocketAddress(settings.bindAddress, settings.port),
                    tls.serverContext(), workers, timer, verifier, api, faults, log, settings.clock);
        } catch (IOException e) {
            shutDownThreads();
            state = State.CLOSED;
            throw new UncheckedIOException("cannot bind the Duo simulator to "
                    + settings.bindAddress.getHostAddress() + ":" + settings.port, e);
        }
        port = server.address().getPort();
        server.start();
        state = State.RUNNING;
        LOG.debug("Duo simulator listening on {}", baseUrl());
        return this;
    }

    /** Stops serving and closes every connection, parked long-polls included. Idempotent. */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        if (server != null) {
            server.stop();
        }
        shutDownThreads();
        state = State.CLOSED;
    }

    private void shutDownThreads() {
        timerThread.shutdownNow();
        workers.shutdownNow();
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("the Duo simulator has not been started");
        }
    }

    // ---- where it is and how to trust it ----

    /**
     * {@return the bound port}
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public int port() {
        requireStarted();
        return port;
    }

    /**
     * {@return the host name clients should use and sign: {@code localhost}}
     */
    public String hostName() {
        return "localhost";
    }

    /**
     * {@return the API host as a Duo client is configured with it and signs it: {@code
     * localhost:54321}, or {@code localhost} on port 443}
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public String host() {
        return port() == 443 ? hostName() : hostName() + ":" + port();
    }

    /**
     * {@return {@code https://} and {@link #host()}}
     *
     * @throws IllegalStateException before start
     */
    public URI baseUrl() {
        return URI.create("https://" + host());
    }

    /**
     * {@return the server certificate}
     *
     * @throws IllegalStateException before start
     */
    public X509Certificate certificate() {
        requireStarted();
        return tls.certificate();
    }

    /**
     * {@return the server certificate in PEM, to trust or pin}
     *
     * @throws IllegalStateException before start
     */
    public String certificatePem() {
        requireStarted();
        return tls.certificatePem();
    }

    /**
     * {@return the certificate's public-key pin in OkHttp's form, {@code sha256/<base64>}, as
     * Duo's Java client's {@code useCustomCertificates} takes it}
     *
     * @throws IllegalStateException before start
     */
    public String certificatePin() {
        requireStarted();
        return tls.spkiPin();
    }

    /**
     * {@return a client {@link SSLContext} that trusts this simulator only}
     *
     * @throws IllegalStateException before start
     */
    public SSLContext clientSslContext() {
        requireStarted();
        return tls.clientContext();
    }

    /**
     * {@return a trust manager that trusts this simulator only}
     *
     * @throws IllegalStateException before start
     */
    public X509TrustManager trustManager() {
        requireStarted();
        return tls.trustManager();
    }

    // ---- integrations and users ----

    /**
     * {@return the first integration registered (a random one if the builder named none)}
     */
    public Integration integration() {
        return directory.integrations().get(0);
    }

    /**
     * {@return every registered integration}
     */
    public List<Integration> integrations() {
        return directory.integrations();
    }

    /**
     * Registers (or replaces, by integration key) an integration.
     *
     * @param integration the integration: its integration key and secret key
     */
    public void addIntegration(Integration integration) {
        directory.add(Objects.requireNonNull(integration, "integration"));
    }

    /**
     * Registers (or replaces, by username) a user; its passcodes become the unused ones.
     *
     * @param user the user
     * @throws IllegalArgumentException if another user has the same user id
     */
    public void addUser(DuoUser user) {
        directory.add(Objects.requireNonNull(user, "user"));
    }

    /**
     * {@return a registered user by username}
     *
     * @param username the user's Duo username
     */
    public Optional<DuoUser> user(String username) {
        return directory.byUsername(username);
    }

    /**
     * Makes more passcodes valid, once each.
     *
     * @param username the user's Duo username
     * @param passcodes passcodes, each valid once
     * @throws IllegalArgumentException for an unknown user
     */
    public void addPasscodes(String username, String... passcodes) {
        directory.addPasscodes(known(username), List.of(passcodes));
    }

    /**
     * {@return the last batch of SMS passcodes {@code factor=sms} sent to the user; empty if none}
     *
     * @param username the user's Duo username
     */
    public List<String> smsPasscodes(String username) {
        return sms.lastBatch(username);
    }

    private DuoUser known(String username) {
        return directory.byUsername(username)
                .orElseThrow(() -> new IllegalArgumentException("no Duo user named " + username));
    }

    // ---- the person behind the phone ----

    /**
     * Scripts what happens to the user's next push or call only.
     *
     * @param username the user's Duo username
     * @param behaviour what the simulated person does
     * @throws IllegalArgumentException for an unknown user
     */
    public void scriptNextPush(String username, PushBehaviour behaviour) {
        directory.scriptNext(known(username), Objects.requireNonNull(behaviour, "behaviour"));
    }

    /**
     * Scripts every later push or call of the user that has no one-off script.
     *
     * @param username the user's Duo username
     * @param behaviour what the simulated person does
     * @throws IllegalArgumentException for an unknown user
     */
    public void scriptPushes(String username, PushBehaviour behaviour) {
        directory.scriptAll(known(username), Objects.requireNonNull(behaviour, "behaviour"));
    }

    /**
     * {@return the next push or call that reached a simulated phone, waiting up to {@code timeout};
     * null if none came} Every push is delivered here, scripted or not (but not one that failed).
     *
     * @param timeout how long to wait
     * @throws InterruptedException if interrupted while waiting
     */
    public PushNotification takePush(Duration timeout) throws InterruptedException {
        return pushes.takePush(timeout);
    }

    /**
     * Approves a waiting push or call.
     *
     * @param txid the transaction id, as {@link #takePush(Duration)} and the client's {@code auth} answer give it
     * @throws IllegalArgumentException if the txid is unknown or is a Verified Push (use
     *                                  {@link #approve(String, String)})
     * @throws IllegalStateException    if the transaction has already finished
     */
    public void approve(String txid) {
        pushes.approve(txid, null);
    }

    /**
     * Types {@code verificationCode} into the simulated Duo Mobile for a waiting Verified Push:
     * the right code approves, any other denies.
     *
     * @param txid the transaction id, as {@link #takePush(Duration)} and the client's {@code auth} answer give it
     * @param verificationCode the code the person types in Duo Mobile
     * @throws IllegalArgumentException if the txid is unknown or not a Verified Push
     * @throws IllegalStateException    if the transaction has already finished
     */
    public void approve(String txid, String verificationCode) {
        pushes.approve(txid, Objects.requireNonNull(verificationCode, "verificationCode"));
    }

    /**
     * Denies a waiting push or call.
     *
     * @param txid the transaction id, as {@link #takePush(Duration)} and the client's {@code auth} answer give it
     * @throws IllegalArgumentException / IllegalStateException as {@link #approve(String)}
     */
    public void deny(String txid) {
        pushes.answer(txid, new TxState("deny", "deny", "Login request denied."));
    }

    /**
     * Reports a waiting push as fraud.
     *
     * @param txid the transaction id, as {@link #takePush(Duration)} and the client's {@code auth} answer give it
     * @throws IllegalArgumentException / IllegalStateException as {@link #approve(String)}
     */
    public void reportFraud(String txid) {
        pushes.answer(txid, new TxState("deny", "fraud", "Login request reported as fraudulent."));
    }

    /**
     * Lets a waiting push time out now.
     *
     * @param txid the transaction id, as {@link #takePush(Duration)} and the client's {@code auth} answer give it
     * @throws IllegalArgumentException / IllegalStateException as {@link #approve(String)}
     */
    public void expire(String txid) {
        pushes.answer(txid, new TxState("deny", "timeout", "Login timed out."));
    }

    /**
     * {@return a transaction's current {@code status} ({@code pushed}, {@code allow}, ...), if
     * known}
     *
     * @param txid the transaction id, as {@link #takePush(Duration)} and the client's {@code auth} answer give it
     */
    public Optional<String> transactionStatus(String txid) {
        return pushes.find(txid).map(Transaction::state).map(TxState::status);
    }

    // ---- faults ----

    /**
     * Queues a fault for the next requests to any path.
     *
     * @param fault the fault to inject
     */
    public void injectFault(Fault fault) {
        faults.add(null, Objects.requireNonNull(fault, "fault"));
    }

    /**
     * Queues a fault for the next requests to {@code path} only, e.g. {@code /auth/v2/auth_status}.
     *
     * @param path an API path, such as {@code /auth/v2/auth}
     * @param fault the fault to inject
     */
    public void injectFault(String path, Fault fault) {
        faults.add(Objects.requireNonNull(path, "path"), Objects.requireNonNull(fault, "fault"));
    }

    /** Removes every queued fault. */
    public void clearFaults() {
        faults.clear();
    }

    // ---- the request log ----

    /**
     * {@return the oldest request not yet taken, waiting up to {@code timeout}; null if none came}
     *
     * @param timeout how long to wait
     * @throws InterruptedException if interrupted while waiting
     */
    public RecordedDuoRequest takeRequest(Duration timeout) throws InterruptedException {
        return log.take(timeout);
    }

    /**
     * {@return the oldest request not yet taken, waiting up to ten seconds}
     *
     * @throws IllegalStateException if none came in that time
     * @throws InterruptedException  if interrupted while waiting
     */
    public RecordedDuoRequest takeRequest() throws InterruptedException {
        RecordedDuoRequest request = log.take(Duration.ofSeconds(10));
        if (request == null) {
            throw new IllegalStateException("no request reached the Duo simulator within 10 s");
        }
        return request;
    }

    /**
     * {@return how many requests arrived so far, taken or not}
     */
    public int requestCount() {
        return log.count();
    }

    /**
     * {@return how many requests for {@code path} were recorded so far}
     *
     * @param path an API path, such as {@code /auth/v2/auth}
     */
    public int requestCount(String path) {
        return log.count(path);
    }

    /**
     * {@return how many {@code auth_status} long-polls are parked now, waiting for a change}
     */
    public int parkedLongPolls() {
        return pushes.parkedPolls();
    }

    @Override
    public String toString() {
        return "DuoSimulator[" + (server == null ? state.toString() : baseUrl().toString()) + "]";
    }

    /**
     * Options for a {@link DuoSimulator}. Not thread-safe; {@link #build()} copies it, so one
     * builder can make several simulators.
     */
    public static final class Builder {
        private int port;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private Clock clock = Clock.systemUTC();
        private Ticker ticker = Ticker.system();
        private Duration allowedClockSkew = Duration.ofSeconds(300);
        private final List<Integration> integrations = new ArrayList<>();
        private final List<DuoUser> users = new ArrayList<>();
        private PushBehaviour defaultPushBehaviour = PushBehaviour.pending();
        private Duration pushTimeout = Duration.ofSeconds(60);
        private Duration authStatusHold = Duration.ofSeconds(25);
        private int serverThreads = 4;
        private Optional<String> apiHostname = Optional.empty();
        private int requestLogCapacity = Integer.MAX_VALUE;

        private Builder() {
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.port = port;
            copy.bindAddress = bindAddress;
            copy.clock = clock;
            copy.ticker = ticker;
            copy.allowedClockSkew = allowedClockSkew;
            copy.integrations.addAll(integrations);
            copy.users.addAll(users);
            copy.defaultPushBehaviour = defaultPushBehaviour;
            copy.pushTimeout = pushTimeout;
            copy.authStatusHold = authStatusHold;
            copy.serverThreads = serverThreads;
            copy.apiHostname = apiHostname;
            copy.requestLogCapacity = requestLogCapacity;
            return copy;
        }

        /**
         * The port; default 0, a free one (what automated tests should use). 443 works where
         * the process may bind it, e.g. for Duo's Java client, which only speaks to port 443.
         *
         * @param port the port; 0 for a free one
         * @return this builder
         * @throws IllegalArgumentException outside 0..65535
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The address to listen on; default the loopback address. It is added to the certificate.
         *
         * @param bindAddress the address to listen on
         * @return this builder
         */
        public Builder bindAddress(InetAddress bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
            return this;
        }

        /**
         * The clock for the signed-date check and {@code ping}'s time; default the system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The time source for everything the simulator does later: scripted push delays, the push
         * timeout, the {@code auth_status} hold and {@link Fault#slow slow} answers; default
         * {@link Ticker#system()}. Give the test's {@code ManualTicker} (the same one as the
         * service and the provider, if they run here) and these happen when the test advances
         * it, checked every few milliseconds; a delay counts from the request or push that caused
         * it, so advancing once the test has seen that cause always covers it.
         *
         * @param ticker the time source for delays and expiries
         * @return this builder
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * How far a signed date may be from the clock; default 300 s.
         *
         * @param skew the largest difference allowed
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder allowedClockSkew(Duration skew) {
            this.allowedClockSkew = nonNegative(skew, "allowedClockSkew");
            return this;
        }

        /**
         * Registers an integration; with none, a random one is made (see {@link DuoSimulator#integration()}).
         *
         * @param integration the integration: its integration key and secret key
         * @return this builder
         */
        public Builder integration(Integration integration) {
            integrations.add(Objects.requireNonNull(integration, "integration"));
            return this;
        }

        /**
         * Registers an integration by its keys.
         *
         * @param integrationKey the integration key (ikey)
         * @param secretKey the secret key (skey)
         * @return this builder
         */
        public Builder integration(String integrationKey, String secretKey) {
            return integration(Integration.of(integrationKey, secretKey));
        }

        /**
         * Registers a user.
         *
         * @param user the user
         * @return this builder
         */
        public Builder user(DuoUser user) {
            users.add(Objects.requireNonNull(user, "user"));
            return this;
        }

        /**
         * What the simulated person does with a push or call nobody scripted; default
         * {@link PushBehaviour#pending()} (nothing, until the test answers or it times out).
         *
         * @param behaviour what the simulated person does
         * @return this builder
         */
        public Builder defaultPushBehaviour(PushBehaviour behaviour) {
            this.defaultPushBehaviour = Objects.requireNonNull(behaviour, "behaviour");
            return this;
        }

        /**
         * How long a push or call waits before it ends with {@code timeout}; default 60 s.
         *
         * @param timeout how long a push waits for the person
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder pushTimeout(Duration timeout) {
            this.pushTimeout = positive(timeout, "pushTimeout");
            return this;
        }

        /**
         * How long {@code auth_status} holds a request when nothing changes before answering
         * {@code waiting} again; default 25 s. @throws IllegalArgumentException if not positive
         *
         * @param hold how long to hold
         * @return this builder
         */
        public Builder authStatusHold(Duration hold) {
            this.authStatusHold = positive(hold, "authStatusHold");
            return this;
        }

        /**
         * Worker threads that read requests and write answers; default 4.
         *
         * @param threads the number of worker threads
         * @return this builder
         * @throws IllegalArgumentException if &lt; 1
         */
        public Builder serverThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("serverThreads must be at least 1: " + threads);
            }
            this.serverThreads = threads;
            return this;
        }

        /**
         * A Duo API host name (e.g. {@code api-12345678.duosecurity.com}) that signatures may
         * name instead of the request's {@code Host}, for a client that signs its configured Duo
         * host while connecting to the simulator; also used in enrollment portal URLs.
         *
         * @param hostname the API host name clients sign
         * @return this builder
         */
        public Builder apiHostname(String hostname) {
            this.apiHostname = Optional.of(hostname.toLowerCase(java.util.Locale.ROOT));
            return this;
        }

        /**
         * How many untaken requests the log keeps (the oldest go first); default unbounded.
         * Counts are always exact. @throws IllegalArgumentException if negative
         *
         * @param capacity how many requests to keep
         * @return this builder
         */
        public Builder requestLogCapacity(int capacity) {
            if (capacity < 0) {
                throw new IllegalArgumentException("requestLogCapacity must not be negative");
            }
            this.requestLogCapacity = capacity;
            return this;
        }

        /**
         * A simulator with these options, not started.
         *
         * @return the simulator, not started
         */
        public DuoSimulator build() {
            return new DuoSimulator(this);
        }

        /**
         * Builds and starts.
         *
         * @return the started simulator
         * @throws UncheckedIOException if the port cannot be bound
         */
        public DuoSimulator start() {
            return build().start();
        }

        private static Duration nonNegative(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
