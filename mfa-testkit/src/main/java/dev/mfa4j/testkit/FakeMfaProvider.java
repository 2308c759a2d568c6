package dev.mfa4j.testkit;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.OptionCheck;
import dev.mfa4j.api.spi.OptionSpec;
import dev.mfa4j.api.spi.OptionValues;
import dev.mfa4j.api.spi.Ticker;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import dev.mfa4j.testkit.internal.TickerScheduler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * An MFA provider of type {@code fake}, for tests and demos: no network, scriptable answers, and
 * a record of every request.
 *
 * <p>Without a script it answers from its configuration's options:
 * <ul>
 *   <li>{@code Passcode} (secret, optional): the passcode every user may type; any other passcode
 *       is {@link Reason#INVALID_PASSCODE}. Without it, every passcode is wrong.</li>
 *   <li>{@code PushResult} (optional, default {@code approve}): what {@code push} answers:
 *       {@code approve}, {@code deny}, {@code fraud}, {@code timeout} or {@code unavailable}.</li>
 *   <li>{@code PushDelay} (optional, default {@code 0s}): how long the push takes to answer, up to
 *       one minute, without holding a thread, on the provider's ticker (see
 *       {@link #FakeMfaProvider(Ticker)}).</li>
 * </ul>
 *
 * <p>A script set in a test takes precedence, per principal, in order:
 * <pre>{@code
 * FakeMfaProvider fake = new FakeMfaProvider();
 * MfaService mfa = MfaService.builder(ManagementAuthorizer.allowAll()).provider(fake).build();
 * fake.willAnswer(bob, VerificationOutcome.rejected(Reason.DENIED, "user said no"));
 * CompletableFuture<VerificationOutcome> push = fake.willHold(alice);   // complete it when the test decides
 * }</pre>
 *
 * <p>It is registered with {@link java.util.ServiceLoader}, so a {@code fake} configuration works
 * wherever the testkit is on the class path. Thread safe.
 *
 * @since 0.1.0
 */
public final class FakeMfaProvider implements MfaProvider {

    /** The provider type. */
    public static final String TYPE = "fake";

    private static final Pattern DIGITS = Pattern.compile("[0-9]{4,16}");

    /** One thread for every fake provider's delayed answers; it idles when none wait. */
    private static final ScheduledThreadPoolExecutor TIMER_THREAD = timerThread();

    private final TickerScheduler later;
    /** Per principal, the scripted answers, each made when a verification asks for it. */
    private final Map<PrincipalId, Deque<Supplier<CompletableFuture<VerificationOutcome>>>> scripts = new ConcurrentHashMap<>();
    // A queue, not a copy-on-write list: adding stays O(1) however many requests a long test makes.
    private final ConcurrentLinkedQueue<VerificationRequest> requests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    /** Creates a provider with no script, whose delays pass in real time ({@link Ticker#system()}). */
    public FakeMfaProvider() {
        this(Ticker.system());
    }

    /**
     * Creates a provider with no script whose delays ({@link #willAnswerAfter} and the
     * {@code PushDelay} option) pass on {@code ticker}: give the test's {@link ManualTicker} and a
     * delayed answer comes when the test advances it past the delay.
     *
     * @param ticker the time delays are counted in
     * @throws NullPointerException if {@code ticker} is null
     */
    public FakeMfaProvider(Ticker ticker) {
        this.later = new TickerScheduler(Objects.requireNonNull(ticker, "ticker"), TIMER_THREAD);
    }

    private static ScheduledThreadPoolExecutor timerThread() {
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "mfa4j-fake-provider-timer");
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
        return thread;
    }

    @Override
    public int spiVersion() {
        return 1;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.builder("Passcode").secret()
                        .description("The passcode every user may type; without it every passcode is wrong.")
                        .check(OptionCheck.matching(DIGITS, "4 to 16 digits"))
                        .build(),
                OptionSpec.builder("PushResult").defaultValue("approve")
                        .description("What a push answers: approve (default), deny, fraud, timeout or unavailable.")
                        .check(OptionCheck.oneOf("approve", "deny", "fraud", "timeout", "unavailable"))
                        .build(),
                OptionSpec.builder("PushDelay").defaultValue("0s")
                        .description("How long a push takes to answer (default 0s, at most 1m).")
                        .check(OptionCheck.durationBetween(Duration.ZERO, Duration.ofMinutes(1)))
                        .build());
    }

    @Override
    public Set<String> keywords() {
        return Set.of("push");
    }

    @Override
    public MfaVerifier open(MfaConfiguration configuration) {
        opened.incrementAndGet();
        return new FakeVerifier(configuration);
    }

    /**
     * Queues answers for a principal's next verifications, used before the options' behaviour.
     *
     * @param principal the principal, as assigned
     * @param outcomes the answers, in order
     * @return this provider
     */
    public FakeMfaProvider willAnswer(PrincipalId principal, VerificationOutcome... outcomes) {
        for (VerificationOutcome outcome : outcomes) {
            Objects.requireNonNull(outcome, "outcome");
            queue(principal).addLast(() -> CompletableFuture.completedFuture(outcome));
        }
        return this;
    }

    /**
     * Queues an answer that arrives {@code delay} after the verification asks, on this provider's
     * ticker, without holding a thread meanwhile.
     *
     * @param principal the principal, as assigned
     * @param delay how long the answer takes
     * @param outcome the answer
     * @return this provider
     */
    public FakeMfaProvider willAnswerAfter(PrincipalId principal, Duration delay, VerificationOutcome outcome) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(outcome, "outcome");
        queue(principal).addLast(() -> answerAfter(delay, outcome));
        return this;
    }

    /**
     * Queues an answer the test gives itself, by completing the returned future: a push left
     * pending until the test approves or denies it.
     *
     * @param principal the principal, as assigned
     * @return the future the next verification of {@code principal} answers with
     */
    public CompletableFuture<VerificationOutcome> willHold(PrincipalId principal) {
        CompletableFuture<VerificationOutcome> held = new CompletableFuture<>();
        queue(principal).addLast(() -> held);
        return held;
    }

    /** @return every request received, oldest first */
    public List<VerificationRequest> requests() {
        return List.copyOf(requests);
    }

    /** @return how many verifiers were opened (one per configuration revision used) */
    public int openedVerifiers() {
        return opened.get();
    }

    /** @return how many verifiers were closed */
    public int closedVerifiers() {
        return closed.get();
    }

    /** Forgets every script and recorded request. */
    public void reset() {
        scripts.clear();
        requests.clear();
    }

    private CompletableFuture<VerificationOutcome> answerAfter(Duration delay, VerificationOutcome outcome) {
        if (delay.isZero() || delay.isNegative()) {
            return CompletableFuture.completedFuture(outcome);
        }
        CompletableFuture<VerificationOutcome> answer = new CompletableFuture<>();
        later.after(delay, () -> answer.complete(outcome));
        return answer;
    }

    private Deque<Supplier<CompletableFuture<VerificationOutcome>>> queue(PrincipalId principal) {
        return scripts.computeIfAbsent(Objects.requireNonNull(principal, "principal"), p -> new ConcurrentLinkedDeque<>());
    }

    private CompletableFuture<VerificationOutcome> scripted(PrincipalId principal) {
        Deque<Supplier<CompletableFuture<VerificationOutcome>>> queue = scripts.get(principal);
        if (queue == null) {
            return null;
        }
        Supplier<CompletableFuture<VerificationOutcome>> next = queue.pollFirst();
        return next == null ? null : next.get();
    }

    @Override
    public String toString() {
        return "FakeMfaProvider[requests=" + requests.size() + "]";
    }

    /** Answers for one configuration: the script first, then the options. */
    private final class FakeVerifier implements MfaVerifier {
        private final byte[] passcode;
        private final String pushResult;
        private final Duration pushDelay;

        FakeVerifier(MfaConfiguration configuration) {
            this.passcode = configuration.option("Passcode").map(p -> p.getBytes(StandardCharsets.US_ASCII)).orElse(null);
            this.pushResult = configuration.option("PushResult").orElse("approve").toLowerCase(java.util.Locale.ROOT);
            this.pushDelay = configuration.option("PushDelay").flatMap(OptionValues::parseDuration).orElse(Duration.ZERO);
        }

        @Override
        public CompletableFuture<VerificationOutcome> verify(VerificationRequest request) {
            requests.add(request);
            CompletableFuture<VerificationOutcome> scripted = scripted(request.principal());
            if (scripted != null) {
                return scripted;
            }
            if (request.credential() instanceof Credential.Passcode typed) {
                boolean right = passcode != null
                        && MessageDigest.isEqual(passcode, typed.digits().getBytes(StandardCharsets.US_ASCII));
                return CompletableFuture.completedFuture(right
                        ? VerificationOutcome.approved("passcode accepted")
                        : VerificationOutcome.rejected(Reason.INVALID_PASSCODE, "incorrect passcode"));
            }
            VerificationOutcome outcome = switch (pushResult) {
                case "deny" -> VerificationOutcome.rejected(Reason.DENIED, "the user denied the push");
                case "fraud" -> VerificationOutcome.rejected(Reason.FRAUD_REPORTED, "the user reported the push as fraud");
                case "timeout" -> VerificationOutcome.rejected(Reason.TIMED_OUT, "the user did not answer the push");
                case "unavailable" -> VerificationOutcome.unavailable("the fake provider is configured to be unavailable", null);
                default -> VerificationOutcome.approved("the user approved the push");
            };
            return answerAfter(pushDelay, outcome);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }

        @Override
        public String toString() {
            return "FakeVerifier[pushResult=" + pushResult + "]";
        }
    }
}
