package dev.mfa4j.spring.security;

import dev.mfa4j.core.AttemptPolicy;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.spring.security.internal.MfaStepFilter;
import dev.mfa4j.spring.security.internal.StepSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Adds the mfa4j step to a Spring Security filter chain, after whatever primary login the chain
 * has (form, LDAP, OAuth2...):
 *
 * <pre>{@code
 * http.formLogin(Customizer.withDefaults())
 *     .with(MfaStepConfigurer.mfaStep(), Customizer.withDefaults());
 * }</pre>
 *
 * <p>Once signed in, a user whose principal has MFA ({@link MfaService#requiresMfa}) reaches
 * nothing but the step (at {@code /mfa}) and the requests it permits until a passcode or push is
 * verified; a GET is saved and resumed afterwards. The verified authentication gets the
 * {@link MfaFactor#AUTHORITY} factor, under a new session id and a new CSRF token. The chain's
 * {@code exceptionHandling} sends requests that Spring Security's multi-factor rules deny for a
 * missing or expired {@link MfaFactor#AUTHORITY} to the step too (step-up).
 *
 * <p>Unless set here, the {@link MfaService}, {@link PrincipalMapping}, {@link VerificationCall}
 * and {@link AttemptTracker} are taken from the application context when it has them (the Spring
 * Boot starter defines them); only the service is required.
 *
 * @since 0.1.0
 */
public final class MfaStepConfigurer extends AbstractHttpConfigurer<MfaStepConfigurer, HttpSecurity> {

    private MfaService mfa;
    private VerificationCall verification;
    private PrincipalMapping principals;
    private AttemptTracker tracker;
    private Clock clock = Clock.systemUTC();
    private String stepUrl = "/mfa";
    private String defaultTargetUrl = "/";
    private String logoutUrl = "/logout";
    private Duration statusHold = Duration.ofSeconds(20);
    private Duration pushTtl;
    private String applicationName;
    private RequestMatcher permittedDuringStep = request -> false;
    private CsrfTokenRepository csrfTokens;

    private MfaStepConfigurer() {
    }

    /** @return a configurer with the defaults: the step at {@code /mfa}, then back to the saved request or {@code /} */
    public static MfaStepConfigurer mfaStep() {
        return new MfaStepConfigurer();
    }

    /**
     * @param mfa the service; by default the application context's
     * @return this configurer
     */
    public MfaStepConfigurer mfaService(MfaService mfa) {
        this.mfa = Objects.requireNonNull(mfa, "mfa");
        return this;
    }

    /**
     * @param principals which principal a signed-in user is; by default the context's
     *     {@link PrincipalMapping} bean, else {@link PrincipalMapping#userName()}
     * @return this configurer
     */
    public MfaStepConfigurer principalMapping(PrincipalMapping principals) {
        this.principals = Objects.requireNonNull(principals, "principals");
        return this;
    }

    /**
     * @param verification how verifications start; by default the context's bean, else
     *     {@link MfaService#verifyAsync}
     * @return this configurer
     */
    public MfaStepConfigurer verificationCall(VerificationCall verification) {
        this.verification = Objects.requireNonNull(verification, "verification");
        return this;
    }

    /**
     * @param tracker where the page learns attempts left and lockout ends (register it with the
     *     service too); by default the context's bean; without one the page says less
     * @return this configurer
     */
    public MfaStepConfigurer attemptTracker(AttemptTracker tracker) {
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        return this;
    }

    /**
     * @param clock the time the factor is issued at; the system clock by default (Spring
     *     Security's valid-duration checks read the system clock)
     * @return this configurer
     */
    public MfaStepConfigurer clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * @param url the step's page, relative to the context path; {@code /mfa} by default. Its
     *     requests ({@code url/passcode}, {@code url/push}...) are answered by the step itself.
     * @return this configurer
     */
    public MfaStepConfigurer stepUrl(String url) {
        this.stepUrl = path(url, "stepUrl");
        return this;
    }

    /**
     * @param url where a verified user goes when no request was held back; {@code /} by default
     * @return this configurer
     */
    public MfaStepConfigurer defaultTargetUrl(String url) {
        this.defaultTargetUrl = path(url, "defaultTargetUrl");
        return this;
    }

    /**
     * @param url the application's logout URL (POST), offered on the step page; {@code /logout} by
     *     default, null for none
     * @return this configurer
     */
    public MfaStepConfigurer logoutUrl(String url) {
        this.logoutUrl = url == null ? null : path(url, "logoutUrl");
        return this;
    }

    /**
     * @param requests requests a signed-in user may make before the step is done (static pages,
     *     a health check); none by default. Logout is handled earlier in the chain and always works.
     * @return this configurer
     */
    public MfaStepConfigurer permitDuringStep(RequestMatcher requests) {
        this.permittedDuringStep = Objects.requireNonNull(requests, "requests");
        return this;
    }

    /**
     * @param hold how long a push status request waits for a change before answering anyway; 20
     *     seconds by default, 1 second to 5 minutes. Proxies must let a request wait this long.
     * @return this configurer
     */
    public MfaStepConfigurer statusHold(Duration hold) {
        Objects.requireNonNull(hold, "hold");
        if (hold.compareTo(Duration.ofSeconds(1)) < 0 || hold.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("statusHold must be from 1 second to 5 minutes");
        }
        this.statusHold = hold;
        return this;
    }

    /**
     * @param ttl how long a push waits for its answer, for the page's countdown; by default the
     *     tracker's policy's, else {@link AttemptPolicy#defaults()}'s
     * @return this configurer
     */
    public MfaStepConfigurer pushTtl(Duration ttl) {
        this.pushTtl = Objects.requireNonNull(ttl, "ttl");
        return this;
    }

    /**
     * @param name the application name sent with each verification (Duo shows it); none by default
     * @return this configurer
     */
    public MfaStepConfigurer applicationName(String name) {
        this.applicationName = name;
        return this;
    }

    /**
     * @param repository the chain's CSRF token repository, whose token is renewed when the factor
     *     is granted; by default Spring Security's default, an {@link HttpSessionCsrfTokenRepository}
     * @return this configurer
     */
    public MfaStepConfigurer csrfTokenRepository(CsrfTokenRepository repository) {
        this.csrfTokens = Objects.requireNonNull(repository, "repository");
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")   // getConfigurer's raw class token
    public void init(HttpSecurity http) {
        // Spring Security's multi-factor rules deny a missing or expired factor; send those to the step.
        ExceptionHandlingConfigurer<HttpSecurity> exceptions = http.getConfigurer(ExceptionHandlingConfigurer.class);
        if (exceptions != null) {
            exceptions.defaultDeniedHandlerForMissingAuthority(new LoginUrlAuthenticationEntryPoint(stepUrl), MfaFactor.AUTHORITY);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(HttpSecurity http) {
        ApplicationContext context = http.getSharedObject(ApplicationContext.class);
        MfaService service = mfa != null ? mfa : bean(context, MfaService.class);
        if (service == null) {
            throw new IllegalStateException("the MFA step needs an MfaService: define one as a bean (the mfa4j Spring Boot starter "
                    + "does) or pass it with mfaStep().mfaService(...)");
        }
        VerificationCall call = verification != null ? verification : bean(context, VerificationCall.class);
        PrincipalMapping mapping = principals != null ? principals : bean(context, PrincipalMapping.class);
        AttemptTracker attempts = tracker != null ? tracker : bean(context, AttemptTracker.class);
        SecurityContextHolderStrategy holder = bean(context, SecurityContextHolderStrategy.class);
        RequestCache requestCache = http.getSharedObject(RequestCache.class);
        SecurityContextRepository contexts = http.getSharedObject(SecurityContextRepository.class);
        Duration ttl = pushTtl != null ? pushTtl : (attempts != null ? attempts.policy() : AttemptPolicy.defaults()).pushTtl();
        CsrfTokenRepository csrf = csrfTokens != null ? csrfTokens
                : http.getConfigurer(CsrfConfigurer.class) != null ? new HttpSessionCsrfTokenRepository() : null;

        StepSettings settings = new StepSettings(service, call != null ? call : service::verifyAsync,
                mapping != null ? mapping : PrincipalMapping.userName(), attempts, clock, stepUrl, defaultTargetUrl, logoutUrl, statusHold,
                ttl, applicationName, permittedDuringStep, requestCache != null ? requestCache : new HttpSessionRequestCache(),
                contexts != null ? contexts : new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(),
                        new HttpSessionSecurityContextRepository()),
                holder != null ? holder : SecurityContextHolder.getContextHolderStrategy(), csrf);
        http.addFilterBefore(new MfaStepFilter(settings), ExceptionTranslationFilter.class);
    }

    private static <T> T bean(ApplicationContext context, Class<T> type) {
        return context == null ? null : context.getBeanProvider(type).getIfUnique();
    }

    private static String path(String url, String name) {
        Objects.requireNonNull(url, name);
        if (!url.startsWith("/") || url.contains("//") || url.contains("?") || url.contains("#") || (url.length() > 1 && url.endsWith("/"))) {
            throw new IllegalArgumentException(name + " must be a path such as /mfa, without a query or a trailing slash");
        }
        return url;
    }
}
