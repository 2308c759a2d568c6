package dev.mfa4j.core;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.InvalidCredentialException;
import dev.mfa4j.api.InvalidPrincipalException;
import dev.mfa4j.api.MfaException;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.ProviderLoadException;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.event.MfaEventListener;
import dev.mfa4j.api.spi.AttemptStore;
import dev.mfa4j.api.spi.EnrollmentStore;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.api.spi.MfaConfigurationStore;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.Ticker;
import dev.mfa4j.core.internal.AttemptGate;
import dev.mfa4j.core.internal.Authorization;
import dev.mfa4j.core.internal.DeadlineTimer;
import dev.mfa4j.core.internal.EventDispatcher;
import dev.mfa4j.core.internal.GuardedEnrollmentStore;
import dev.mfa4j.core.internal.GuardedStore;
import dev.mfa4j.core.internal.ProviderRegistry;
import dev.mfa4j.core.internal.RecoveryCodeBook;
import dev.mfa4j.core.internal.RecoveryCodeChecks;
import dev.mfa4j.core.internal.SecretSealer;
import dev.mfa4j.core.internal.VerificationEngine;
import dev.mfa4j.core.internal.VerifierCache;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javax.crypto.SecretKey;

/**
 * The entry point: verifies logins, and manages MFA configurations and principal assignments in
 * the host's store.
 *
 * <pre>{@code
 * MfaService mfa = MfaService.builder(myPermissionCheck)          // who may manage MFA
 *         .store(myStore)                                    // the host's storage
 *         .build();                                          // providers found with ServiceLoader
 *
 * VerificationResult result = mfa.verify(PrincipalId.parse("principal/internal/user/bob"), "77552");
 * if (result.allowed()) { ... }
 * }</pre>
 *
 * <p>Thread safe: build one per application and share it. Close it on shutdown to release the
 * providers' connections.
 *
 * @since 0.1.0
 */
public final class MfaService implements AutoCloseable {

    private final GuardedStore store;
    private final ProviderRegistry providers;
    private final Authorization authorization;
    private final VerifierCache verifiers;
    private final EventDispatcher events;
    private final Clock clock;
    private final SecretSealer sealer;
    private final VerificationEngine engine;
    private final GuardedEnrollmentStore enrollments;
    private final RecoveryCodeBook recoveryCodeBook;
    private final RecoveryCodeChecks recoveryCodeChecks;

    private MfaService(Builder builder) {
        this.store = new GuardedStore(builder.store == null ? new InMemoryMfaConfigurationStore() : builder.store);
        this.providers = ProviderRegistry.load(builder.providers, builder.discoverProviders, builder.classLoader);
        this.authorization = new Authorization(builder.authorizer);
        this.sealer = new SecretSealer(Optional.ofNullable(builder.sealingKeys).map(MfaService::access));
        this.verifiers = new VerifierCache(sealer, Optional.ofNullable(builder.fingerprintKey));
        this.events = EventDispatcher.load(builder.eventListeners, builder.discoverEventListeners, builder.classLoader);
        this.clock = builder.clock;
        AttemptGate gate = new AttemptGate(builder.attemptStore == null ? new InMemoryAttemptStore() : builder.attemptStore,
                builder.attemptPolicy, clock);
        this.enrollments = new GuardedEnrollmentStore(builder.enrollmentStore == null ? new InMemoryEnrollmentStore()
                : builder.enrollmentStore);
        this.recoveryCodeBook = new RecoveryCodeBook(builder.recoveryCodePolicy);
        this.recoveryCodeChecks = new RecoveryCodeChecks(enrollments, sealer, recoveryCodeBook, clock);
        this.engine = new VerificationEngine(store, providers, verifiers, gate, events, clock, builder.ticker, builder.callbackExecutor,
                builder.maxVerificationTime, new DeadlineTimer(builder.ticker), enrollments, sealer, recoveryCodeChecks);
    }

    private static SecretSealer.SealingKeysAccess access(SealingKeys keys) {
        return new SecretSealer.SealingKeysAccess() {
            @Override
            public String currentId() {
                return keys.currentId();
            }

            @Override
            public SecretKey currentKey() {
                return keys.currentKey();
            }

            @Override
            public SecretKey key(String keyId) {
                return keys.key(keyId);
            }
        };
    }

    /**
     * Starts building a service. The authorizer is the one choice every host must make: mfa4j asks
     * it before each management operation, with a resource path and an operation. Pass
     * {@link ManagementAuthorizer#allowAll()} for a single-user embedding or a test.
     *
     * @param authorizer the host's permission check for management operations
     * @return a builder for a service
     * @throws NullPointerException if {@code authorizer} is null
     */
    public static Builder builder(ManagementAuthorizer authorizer) {
        return new Builder(authorizer);
    }

    /**
     * Verifies what a principal typed at the MFA prompt, waiting for the answer. For a push this
     * blocks the calling thread until the user answers or the push expires; use
     * {@link #verifyAsync} where threads are precious.
     *
     * @param principal who is logging in
     * @param typed a passcode, or a keyword such as {@code push}
     * @return whether the login may proceed, and why; never null
     * @throws NullPointerException if an argument is null
     * @throws InvalidPrincipalException if the principal's kind does not support MFA
     * @throws InvalidCredentialException if {@code typed} is neither a passcode nor a keyword the
     *     principal's provider understands (nothing is sent to the provider)
     */
    public VerificationResult verify(PrincipalId principal, String typed) {
        return verify(principal, typed, VerificationContext.empty());
    }

    /**
     * As {@link #verify(PrincipalId, String)}, with facts about the attempt.
     *
     * @param principal who is logging in
     * @param typed a passcode, or a keyword such as {@code push}
     * @param context client IP, application, request id, progress listener
     * @return whether the login may proceed, and why; never null
     * @throws NullPointerException if an argument is null
     * @throws InvalidPrincipalException if the principal's kind does not support MFA
     * @throws InvalidCredentialException if {@code typed} is not a credential the provider understands
     */
    public VerificationResult verify(PrincipalId principal, String typed, VerificationContext context) {
        try {
            return engine.verify(principal, typed, context).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Verifies without holding the calling thread while the provider or the user answers. Input is
     * checked on the calling thread, and so is the store lookup; the provider is called
     * asynchronously.
     *
     * @param principal who is logging in
     * @param typed a passcode, or a keyword such as {@code push}
     * @return the result, completed on the provider's thread (or the builder's callback executor);
     *     it does not complete exceptionally, whatever the provider does
     * @throws NullPointerException if an argument is null
     * @throws InvalidPrincipalException if the principal's kind does not support MFA
     * @throws InvalidCredentialException if {@code typed} is not a credential the provider understands
     */
    public CompletableFuture<VerificationResult> verifyAsync(PrincipalId principal, String typed) {
        return verifyAsync(principal, typed, VerificationContext.empty());
    }

    /**
     * As {@link #verifyAsync(PrincipalId, String)}, with facts about the attempt.
     *
     * @param principal who is logging in
     * @param typed a passcode, or a keyword such as {@code push}
     * @param context client IP, application, request id, progress listener
     * @return the result; it does not complete exceptionally, whatever the provider does
     * @throws NullPointerException if an argument is null
     * @throws InvalidPrincipalException if the principal's kind does not support MFA
     * @throws InvalidCredentialException if {@code typed} is not a credential the provider understands
     */
    public CompletableFuture<VerificationResult> verifyAsync(PrincipalId principal, String typed, VerificationContext context) {
        return engine.verify(principal, typed, context);
    }

    /**
     * Whether a principal has MFA, so the host knows whether to prompt for it. When the store
     * cannot answer this says true: the host prompts, and the verification then fails closed with
     * {@link Reason#STORE_UNAVAILABLE}.
     *
     * @param principal the principal
     * @return whether the principal has an MFA assignment (or the store failed)
     * @throws NullPointerException if the principal is null
     */
    public boolean requiresMfa(PrincipalId principal) {
        Objects.requireNonNull(principal, "principal");
        if (!principal.supportsMfa()) {
            return false;
        }
        try {
            return store.findAssignment(principal).isPresent();
        } catch (StoreException e) {
            return true;
        }
    }

    /**
     * Manages configurations as the {@link Caller#system() system} caller.
     *
     * @return the configuration management view
     */
    public MfaConfigurations configurations() {
        return configurations(Caller.system());
    }

    /**
     * @param caller who is asking; passed to the authorizer
     * @return the configuration management view for that caller
     */
    public MfaConfigurations configurations(Caller caller) {
        return new MfaConfigurations(Objects.requireNonNull(caller, "caller"), store, providers, authorization, verifiers, sealer, events,
                clock);
    }

    /**
     * Manages principal assignments as the {@link Caller#system() system} caller.
     *
     * @return the assignment management view
     */
    public MfaPrincipals principals() {
        return principals(Caller.system());
    }

    /**
     * @param caller who is asking; passed to the authorizer
     * @return the assignment management view for that caller
     */
    public MfaPrincipals principals(Caller caller) {
        return new MfaPrincipals(Objects.requireNonNull(caller, "caller"), store, enrollments, authorization, events, clock);
    }

    /**
     * Enrolls principals as the {@link Caller#system() system} caller.
     *
     * @return the enrollment view
     */
    public MfaEnrollments enrollments() {
        return enrollments(Caller.system());
    }

    /**
     * @param caller who is asking; passed to the authorizer
     * @return the enrollment view for that caller: begin, confirm, status and remove a principal's
     *     enrollment with a provider that enrolls principals itself (TOTP)
     */
    public MfaEnrollments enrollments(Caller caller) {
        return new MfaEnrollments(Objects.requireNonNull(caller, "caller"), store, enrollments, providers, authorization, sealer, events,
                clock);
    }

    /**
     * Manages recovery codes as the {@link Caller#system() system} caller.
     *
     * @return the recovery-code view
     */
    public MfaRecoveryCodes recoveryCodes() {
        return recoveryCodes(Caller.system());
    }

    /**
     * @param caller who is asking; passed to the authorizer
     * @return the recovery-code view for that caller: generate, status and remove a principal's codes
     */
    public MfaRecoveryCodes recoveryCodes(Caller caller) {
        return new MfaRecoveryCodes(Objects.requireNonNull(caller, "caller"), store, enrollments, authorization, sealer, recoveryCodeBook,
                events, clock);
    }

    /** @return the installed provider types, sorted, such as {@code [duo]} */
    public Set<String> providerTypes() {
        return providers.types();
    }

    /**
     * @param type a provider type
     * @return the installed provider of that type, for its option specs and keywords
     */
    public Optional<MfaProvider> provider(String type) {
        return providers.find(Objects.requireNonNull(type, "type"));
    }

    /**
     * Stops verifying. Verifications started afterwards answer {@link Reason#PROVIDER_UNAVAILABLE}
     * at once, without calling a provider; those in flight finish on their verifiers, each of which
     * closes (releasing its connections) when its last verification ends. None fails open once the
     * service is closed, whatever its configuration's fail mode. Management calls still work.
     */
    @Override
    public void close() {
        verifiers.close();
        recoveryCodeChecks.close();
    }

    /**
     * Builds an {@link MfaService}; obtained from {@link MfaService#builder(ManagementAuthorizer)}, which
     * takes the one required choice. Not thread safe; build once and share the service.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private MfaConfigurationStore store;
        private final ManagementAuthorizer authorizer;
        private final List<MfaProvider> providers = new ArrayList<>();
        private boolean discoverProviders = true;
        private ClassLoader classLoader;
        private Executor callbackExecutor;
        private Duration maxVerificationTime = Duration.ofMinutes(10);
        private Clock clock = Clock.systemUTC();
        private Ticker ticker = Ticker.system();
        private SecretKey fingerprintKey;
        private AttemptPolicy attemptPolicy = AttemptPolicy.defaults();
        private AttemptStore attemptStore;
        private final List<MfaEventListener> eventListeners = new ArrayList<>();
        private boolean discoverEventListeners = true;
        private SealingKeys sealingKeys;
        private EnrollmentStore enrollmentStore;
        private RecoveryCodePolicy recoveryCodePolicy = RecoveryCodePolicy.defaults();

        private Builder(ManagementAuthorizer authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        }

        /**
         * @param store where configurations and assignments live; by default a new
         *     {@link InMemoryMfaConfigurationStore}
         * @return this builder
         */
        public Builder store(MfaConfigurationStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Registers a provider explicitly. It replaces a provider of the same type found with
         * {@link java.util.ServiceLoader}.
         *
         * @param provider the provider
         * @return this builder
         */
        public Builder provider(MfaProvider provider) {
            this.providers.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * @param discover whether to find providers with {@link java.util.ServiceLoader}; true by default
         * @return this builder
         */
        public Builder discoverProviders(boolean discover) {
            this.discoverProviders = discover;
            return this;
        }

        /**
         * @param classLoader where {@link java.util.ServiceLoader} looks for providers; by default
         *     the context class loader of the thread that calls {@link #build()}
         * @return this builder
         */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /**
         * @param executor where asynchronous results are completed (and the host's callbacks on
         *     them run); by default they complete on the provider's I/O thread, so keep callbacks
         *     short or give an executor
         * @return this builder
         */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * @param limit a safety net for a passcode verification whose provider never answers: past
         *     it, the verification ends as {@link Reason#PROVIDER_UNAVAILABLE}. (A push ends at the
         *     attempt policy's push time to live instead.) Providers keep their own, shorter
         *     deadlines. Between 1 second and 1 hour; 10 minutes by default.
         * @return this builder
         */
        public Builder maxVerificationTime(Duration limit) {
            Objects.requireNonNull(limit, "limit");
            if (limit.compareTo(Duration.ofSeconds(1)) < 0 || limit.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("maxVerificationTime must be between 1 second and 1 hour");
            }
            this.maxVerificationTime = limit;
            return this;
        }

        /**
         * @param clock the time source for attempt limits, push expiry and event times; the system
         *     clock in UTC by default. Give a trusted clock: it decides lockouts.
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param ticker the time source for deadlines (a push's time to live, the
         *     {@link #maxVerificationTime} safety net) and for the durations in events;
         *     {@link Ticker#system()} by default. Tests give one they advance themselves.
         * @return this builder
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * A key mixed into the fingerprints under which accepted passcodes are remembered in the
         * attempt store (to refuse their reuse), so that whoever reads the attempt store cannot
         * recover them. Without it, each configuration's secret options key its fingerprints, which
         * protects the records from whoever reads the attempt store alone; with it, also from
         * whoever reads the configuration store too, and for configurations without secrets. Every
         * node sharing an attempt store must use the same key; changing it forgets which passcodes
         * were used.
         *
         * @param key an HMAC key of at least 32 bytes, such as one from the host's key management
         * @return this builder
         * @throws IllegalArgumentException if the key has no encoded form or fewer than 32 bytes
         */
        public Builder fingerprintKey(SecretKey key) {
            Objects.requireNonNull(key, "key");
            byte[] encoded = key.getEncoded();
            if (encoded == null || encoded.length < 32) {
                throw new IllegalArgumentException("the fingerprint key must have an encoded form of at least 32 bytes");
            }
            java.util.Arrays.fill(encoded, (byte) 0);
            this.fingerprintKey = key;
            return this;
        }

        /**
         * @param policy attempt and push limits; {@link AttemptPolicy#defaults()} by default
         * @return this builder
         */
        public Builder attemptPolicy(AttemptPolicy policy) {
            this.attemptPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @param store where attempt counts, used passcodes and pending pushes live; by default a new
         *     {@link InMemoryAttemptStore}. Several nodes must share one, or an attacker can spread
         *     guesses across them.
         * @return this builder
         */
        public Builder attemptStore(AttemptStore store) {
            this.attemptStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * @param store where principals' enrollments (TOTP secrets) and recovery codes live; by
         *     default a new {@link InMemoryEnrollmentStore}, lost when the process ends. Several
         *     nodes must share one.
         * @return this builder
         */
        public Builder enrollmentStore(EnrollmentStore store) {
            this.enrollmentStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * @param policy how many recovery codes a set has, and how they are hashed;
         *     {@link RecoveryCodePolicy#defaults()} by default
         * @return this builder
         */
        public Builder recoveryCodePolicy(RecoveryCodePolicy policy) {
            this.recoveryCodePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @param listener receives audit events, in addition to those found with
         *     {@link java.util.ServiceLoader}
         * @return this builder
         */
        public Builder eventListener(MfaEventListener listener) {
            this.eventListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * @param discover whether to find event listeners with {@link java.util.ServiceLoader}; true by default
         * @return this builder
         */
        public Builder discoverEventListeners(boolean discover) {
            this.discoverEventListeners = discover;
            return this;
        }

        /**
         * Seals secret option values (such as Duo's {@code SecretKey}) with AES-256-GCM before they
         * reach the store, bound to the configuration's name: a sealed value copied to another
         * configuration does not open, and that configuration fails closed. Off by default (the
         * store then holds secrets as given).
         *
         * @param keys the current sealing key and any previous ones
         * @return this builder
         */
        public Builder sealing(SealingKeys keys) {
            this.sealingKeys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /**
         * @return the service
         * @throws ProviderLoadException if two providers claim one type
         * @throws MfaException if the store cannot be used
         */
        public MfaService build() {
            return new MfaService(this);
        }
    }
}
