package dev.mfa4j.micrometer;

import dev.mfa4j.api.ProgressListener;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.VerificationProgress;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.event.AssignmentEvent;
import dev.mfa4j.api.event.ConfigurationEvent;
import dev.mfa4j.api.event.MfaEvent;
import dev.mfa4j.api.event.MfaEventListener;
import dev.mfa4j.api.event.VerificationEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Micrometer meters for mfa4j, fed by its audit events, and an {@link Observation} around each
 * verification started through {@link #observe}.
 *
 * <pre>{@code
 * MfaMetrics metrics = new MfaMetrics(observationRegistry);
 * metrics.bindTo(meterRegistry);
 * MfaService mfa = MfaService.builder(...).eventListener(metrics).build();
 * CompletableFuture<VerificationResult> result =
 *         metrics.observe(context, observed -> mfa.verifyAsync(principal, typed, observed));
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@value #VERIFICATIONS}</td><td>counter</td><td>provider, factor, reason, allowed</td></tr>
 *   <tr><td>{@value #VERIFICATION_DURATION}</td><td>timer</td><td>provider, factor</td></tr>
 *   <tr><td>{@value #PUSHES_WAITING}</td><td>gauge</td><td>none</td></tr>
 *   <tr><td>{@value #CONFIGURATION_CHANGES}</td><td>counter</td><td>action, provider</td></tr>
 *   <tr><td>{@value #ASSIGNMENT_CHANGES}</td><td>counter</td><td>action</td></tr>
 * </table>
 *
 * <p>{@code provider} is the provider type ({@code duo}), never a configuration name: names are
 * chosen by administrators, one per tenant in some hosts, and a tag must stay low-cardinality.
 * {@code factor} is {@code passcode}, a provider keyword ({@code push}, {@code phone},
 * {@code sms}, {@code push2}...) or {@code invalid}; anything else reads {@code other}. No
 * principal, provider user id, passcode, request id, address, application or configuration name
 * ever becomes a tag or an observation key.
 *
 * <p>The verification counter and timer count every verification the service runs. The pushes
 * waiting gauge and the observation only see verifications started through {@link #observe}
 * (mfa-core reports the end of a verification, not its start). Thread safe; register one instance
 * with one service.
 *
 * @since 0.1.0
 */
public final class MfaMetrics implements MfaEventListener, MeterBinder {

    /** Counter of verifications. */
    public static final String VERIFICATIONS = "mfa4j.verifications";
    /** Timer of verification durations, from the start of the call to its result. */
    public static final String VERIFICATION_DURATION = "mfa4j.verification.duration";
    /** Gauge of pushes (and calls) sent to a device and not yet answered. */
    public static final String PUSHES_WAITING = "mfa4j.pushes.waiting";
    /** Counter of configuration changes. */
    public static final String CONFIGURATION_CHANGES = "mfa4j.configuration.changes";
    /** Counter of assignment changes. */
    public static final String ASSIGNMENT_CHANGES = "mfa4j.assignment.changes";
    /** The name of the observation around a verification. */
    public static final String OBSERVATION = "mfa4j.verification";

    private final ObservationRegistry observations;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final AtomicInteger pushesWaiting = new AtomicInteger();
    private final ConcurrentHashMap<String, InFlight> inFlight = new ConcurrentHashMap<>();

    /** Meters only: {@link #observe} records no observation. */
    public MfaMetrics() {
        this(ObservationRegistry.NOOP);
    }

    /**
     * @param observations where {@link #observe} records its observations
     * @throws NullPointerException if the registry is null
     */
    public MfaMetrics(ObservationRegistry observations) {
        this.observations = Objects.requireNonNull(observations, "observations");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(PUSHES_WAITING, pushesWaiting, AtomicInteger::get)
                .description("Pushes and calls sent to a device and not yet answered (verifications started through MfaMetrics.observe)")
                .register(registry);
        registries.add(registry);
    }

    @Override
    public void onEvent(MfaEvent event) {
        if (event instanceof VerificationEvent verification) {
            verified(verification);
        } else if (event instanceof ConfigurationEvent change) {
            String action = change.action().name().toLowerCase(Locale.ROOT);
            String provider = TagValues.provider(Optional.of(change.type()));
            for (MeterRegistry registry : registries) {
                Counter.builder(CONFIGURATION_CHANGES).description("Configurations created, updated, deleted or re-sealed")
                        .tag("action", action).tag("provider", provider).register(registry).increment();
            }
        } else if (event instanceof AssignmentEvent change) {
            String action = change.action().name().toLowerCase(Locale.ROOT);
            for (MeterRegistry registry : registries) {
                Counter.builder(ASSIGNMENT_CHANGES).description("Principals assigned to a configuration, or removed")
                        .tag("action", action).register(registry).increment();
            }
        }
    }

    private void verified(VerificationEvent event) {
        String provider = TagValues.provider(event.providerType());
        String factor = TagValues.factor(event.factor());
        String reason = TagValues.reason(event.reason());
        String allowed = TagValues.allowed(event.allowed());
        for (MeterRegistry registry : registries) {
            Counter.builder(VERIFICATIONS).description("Verifications, by how they ended")
                    .tag("provider", provider).tag("factor", factor).tag("reason", reason).tag("allowed", allowed)
                    .register(registry).increment();
            Timer.builder(VERIFICATION_DURATION).description("How long verifications took, push answers included")
                    .tag("provider", provider).tag("factor", factor)
                    .register(registry).record(event.duration());
        }
        InFlight observed = inFlight.remove(event.requestId());
        if (observed != null) {
            observed.end(provider, factor, reason, allowed, null);
        }
    }

    /**
     * Runs a verification inside an observation named {@value #OBSERVATION}, and counts its push
     * in {@value #PUSHES_WAITING} while the device has it. The observation gets the low-cardinality
     * keys {@code mfa4j.provider}, {@code mfa4j.factor}, {@code mfa4j.reason} and
     * {@code mfa4j.allowed} when the verification ends.
     *
     * @param context the verification's context; its request id matches the service's event to
     *     this observation, so give each verification in flight its own (the default is a random one)
     * @param verification calls the service with the context it is given (which wraps the
     *     progress listener of {@code context}), such as
     *     {@code observed -> mfa.verifyAsync(principal, typed, observed)}
     * @return what {@code verification} returned
     * @throws NullPointerException if an argument is null
     * @throws RuntimeException whatever {@code verification} throws (the observation records it)
     */
    public CompletableFuture<VerificationResult> observe(VerificationContext context,
            Function<VerificationContext, CompletableFuture<VerificationResult>> verification) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(verification, "verification");
        Observation observation = Observation.createNotStarted(OBSERVATION, observations).contextualName("mfa4j verification").start();
        InFlight flight = new InFlight(observation);
        // Two verifications in flight with one request id cannot be told apart by their events:
        // the second one is then ended from its result instead.
        boolean correlated = inFlight.putIfAbsent(context.requestId(), flight) == null;
        VerificationContext observed = new VerificationContext(context.clientIp(), context.applicationName(), context.requestId(),
                flight.listening(context.progressListener()));
        CompletableFuture<VerificationResult> result;
        // In scope while the call starts, so a tracing bridge sees the store and provider calls
        // made on this thread as children of the verification.
        Observation.Scope scope = observation.openScope();
        try {
            result = verification.apply(observed);
        } catch (RuntimeException e) {
            if (correlated) {
                inFlight.remove(context.requestId(), flight);
            }
            flight.end(TagValues.NONE, TagValues.NONE, TagValues.NONE, "false", e);
            throw e;
        } finally {
            scope.close();
        }
        return result.whenComplete((verified, failure) -> {
            if (correlated) {
                inFlight.remove(context.requestId(), flight);
            }
            // Normally the event has ended it already; this covers a lost correlation.
            flight.end(TagValues.NONE, TagValues.NONE, verified == null ? TagValues.NONE : verified.reason().name().toLowerCase(Locale.ROOT),
                    verified == null ? "false" : TagValues.allowed(verified.allowed()), failure);
        });
    }

    /** One observed verification: its observation, and whether its push is being counted as waiting. */
    private final class InFlight {
        private static final int NOT_SENT = 0;
        private static final int WAITING = 1;
        private static final int ENDED = 2;

        private final Observation observation;
        private final AtomicInteger state = new AtomicInteger(NOT_SENT);

        InFlight(Observation observation) {
            this.observation = observation;
        }

        ProgressListener listening(ProgressListener host) {
            return progress -> {
                if (progress instanceof VerificationProgress.ChallengeSent && state.compareAndSet(NOT_SENT, WAITING)) {
                    pushesWaiting.incrementAndGet();
                }
                host.onProgress(progress);
            };
        }

        void end(String provider, String factor, String reason, String allowed, Throwable failure) {
            int before = state.getAndSet(ENDED);
            if (before == ENDED) {
                return;
            }
            if (before == WAITING) {
                pushesWaiting.decrementAndGet();
            }
            // Always all four keys: some registries refuse one meter name with differing tag keys.
            observation.lowCardinalityKeyValue("mfa4j.provider", provider)
                    .lowCardinalityKeyValue("mfa4j.factor", factor)
                    .lowCardinalityKeyValue("mfa4j.reason", reason)
                    .lowCardinalityKeyValue("mfa4j.allowed", allowed);
            if (failure != null) {
                observation.error(failure);
            }
            observation.stop();
        }
    }
}
