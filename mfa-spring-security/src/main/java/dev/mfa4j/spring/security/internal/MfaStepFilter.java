package dev.mfa4j.spring.security.internal;

import dev.mfa4j.api.InvalidCredentialException;
import dev.mfa4j.api.InvalidInputException;
import dev.mfa4j.api.InvalidPrincipalException;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.ProgressListener;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.spring.security.AttemptTracker;
import dev.mfa4j.spring.security.MfaFactor;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The MFA step. For a signed-in user whose principal has MFA and whose authentication lacks the
 * {@link MfaFactor#AUTHORITY} factor, every request but the step's own (and those the application
 * permits during the step) is held back: a GET is saved and redirected to the step, anything else
 * refused with 403. The step's requests:
 *
 * <ul>
 *   <li>{@code GET <step>}: the page;</li>
 *   <li>{@code POST <step>/passcode}: verifies a passcode;</li>
 *   <li>{@code POST <step>/push}: starts a push and answers at once;</li>
 *   <li>{@code GET <step>/push/status?after=n}: the push's state as JSON, once it has changed
 *       since version n, or after the hold time; the request waits without a thread;</li>
 *   <li>{@code POST <step>/push/finish}: takes an approved push's factor, once;</li>
 *   <li>{@code GET <step>/step.js}, {@code <step>/step.css}: the page's script and style.</li>
 * </ul>
 *
 * Runs after the CSRF filter, so its POSTs need the token like any other.
 */
public final class MfaStepFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(MfaStepFilter.class);
    private static final String PREFIX = "dev.mfa4j.spring.security.";
    /** The session's push attempt id. */
    static final String PUSH = PREFIX + "PUSH";
    /** A message for the next page, shown once. */
    static final String MESSAGE = PREFIX + "MESSAGE";
    /** The name of the user this session found without MFA, so the store is asked once per session. */
    static final String NOT_REQUIRED = PREFIX + "NOT_REQUIRED";
    /** The longest a passcode request may wait for its provider; mfa-core's own limit ends it sooner. */
    private static final Duration PASSCODE_LIMIT = Duration.ofMinutes(11);
    private static final String CANNOT_CHECK = "The second factor cannot be checked for this account: ask your administrator.";

    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();
    private final StepSettings settings;
    private final PushWaits pushes;
    private final byte[] script;
    private final byte[] style;

    /** @param settings the step's settings */
    public MfaStepFilter(StepSettings settings) {
        this.settings = settings;
        this.pushes = new PushWaits(settings.clock(), settings.pushTtl());
        this.script = resource("step.js");
        this.style = resource("step.css");
    }

    /** @return the pushes this step follows (for tests and load programs) */
    public PushWaits pushes() {
        return pushes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String step = settings.stepUrl();
        Authentication authentication = settings.holder().getContext().getAuthentication();
        boolean signedIn = trust.isAuthenticated(authentication);
        if (path.equals(step) || path.startsWith(step + "/")) {
            if (handleStep(path.substring(step.length()), request, response, signedIn ? authentication : null)) {
                return;
            }
        } else if (signedIn && !settings.permittedDuringStep().matches(request) && stepRequired(request, authentication)) {
            holdBack(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** @return whether the request was the step's and has been answered */
    private boolean handleStep(String rest, HttpServletRequest request, HttpServletResponse response, Authentication user)
            throws IOException {
        boolean get = "GET".equals(request.getMethod());
        boolean post = "POST".equals(request.getMethod());
        if (get && rest.equals("/step.js")) {
            serve(response, "text/javascript;charset=UTF-8", script);
            return true;
        }
        if (get && rest.equals("/step.css")) {
            serve(response, "text/css;charset=UTF-8", style);
            return true;
        }
        if (user == null) {
            return false;   // not signed in: the application's rules decide (usually its login page)
        }
        if (get && rest.isEmpty()) {
            page(request, response, user);
        } else if (post && rest.equals("/passcode")) {
            passcode(request, response, user);
        } else if (post && rest.equals("/push")) {
            push(request, response, user);
        } else if (get && rest.equals("/push/status")) {
            status(request, response, user);
        } else if (post && rest.equals("/push/finish")) {
            finish(request, response, user);
        } else {
            return false;
        }
        return true;
    }

    private boolean stepRequired(HttpServletRequest request, Authentication user) {
        if (MfaFactor.verifiedAt(user).isPresent()) {
            return false;
        }
        HttpSession session = request.getSession(false);
        if (session != null && user.getName().equals(session.getAttribute(NOT_REQUIRED))) {
            return false;
        }
        Optional<PrincipalId> principal = principalOf(user);
        if (principal.isEmpty()) {
            return true;   // fail closed: the step will refuse
        }
        boolean required;
        try {
            required = settings.mfa().requiresMfa(principal.get());
        } catch (RuntimeException e) {
            LOG.warn("MFA-SPRING-002 could not tell whether {} has MFA ({}); holding the user at the MFA step", principal.get(),
                    e.getClass().getName());
            return true;
        }
        if (!required) {
            request.getSession().setAttribute(NOT_REQUIRED, user.getName());
        }
        return required;
    }

    private Optional<PrincipalId> principalOf(Authentication user) {
        try {
            return Optional.of(settings.principals().principalOf(user));
        } catch (RuntimeException e) {
            LOG.warn("MFA-SPRING-001 the signed-in user cannot be mapped to an mfa4j principal ({}); MFA fails closed",
                    e.getClass().getName());
            return Optional.empty();
        }
    }

    private void holdBack(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            settings.requestCache().saveRequest(request, response);
            response.sendRedirect(request.getContextPath() + settings.stepUrl());
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("Complete the second factor first: " + request.getContextPath() + settings.stepUrl() + "\n");
    }

    private void page(HttpServletRequest request, HttpServletResponse response, Authentication user) throws IOException {
        HttpSession session = request.getSession();
        String message = (String) session.getAttribute(MESSAGE);
        session.removeAttribute(MESSAGE);
        if (message == null && "expired".equals(request.getParameter("factor.reason"))) {
            // Spring Security's multi-factor rules sent the user back: the factor is too old for the page.
            message = "This page needs a recent second factor: verify again.";
        }
        PushAttempt attempt = ownPush(session, user);
        PushAttempt.Snapshot push = attempt == null ? null : attempt.snapshot();
        String pushJson = push == null ? null : statusJson(push, attempt.principal()).toString();
        if (push != null && push.ended() && !push.result().allowed()) {
            // Shown once; the next page starts afresh.
            session.removeAttribute(PUSH);
            pushes.forget(attempt);
        }
        String base = request.getContextPath() + settings.stepUrl();
        String logout = settings.logoutUrl() == null ? null : request.getContextPath() + settings.logoutUrl();
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        String html = StepPage.render(new StepPage.View(base, request.getContextPath(), user.getName(), message, push, pushJson, logout, csrf));
        noStore(response);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write(html);
    }

    private void passcode(HttpServletRequest request, HttpServletResponse response, Authentication user) throws IOException {
        String typed = request.getParameter("passcode");
        if (typed == null || typed.isBlank()) {
            backToStep(request, response, "Type your passcode, or send a push.");
            return;
        }
        Optional<PrincipalId> principal = principalOf(user);
        if (principal.isEmpty()) {
            backToStep(request, response, CANNOT_CHECK);
            return;
        }
        CompletableFuture<VerificationResult> verified;
        try {
            verified = settings.verification().verifyAsync(principal.get(), typed.strip(), context(request, ProgressListener.NONE));
        } catch (InvalidCredentialException e) {
            backToStep(request, response, "A passcode is made of digits: type the one your device shows.");
            return;
        } catch (InvalidPrincipalException e) {
            backToStep(request, response, CANNOT_CHECK);
            return;
        }
        whenVerified(request, response, verified, result -> {
            if (result.allowed()) {
                grant(request, response, user, false);
            } else {
                backToStep(request, response, outcome(result, principal.get()));
            }
        });
    }

    private void push(HttpServletRequest request, HttpServletResponse response, Authentication user) throws IOException {
        Optional<PrincipalId> principal = principalOf(user);
        if (principal.isEmpty()) {
            backToStep(request, response, CANNOT_CHECK);
            return;
        }
        HttpSession session = request.getSession();
        PushAttempt running = ownPush(session, user);
        if (running != null && !running.snapshot().ended()) {
            pushStarted(request, response, running);   // a double click follows the push already sent
            return;
        }
        PushAttempt attempt = pushes.start(user.getName(), principal.get());
        session.setAttribute(PUSH, attempt.id());
        try {
            settings.verification().verifyAsync(principal.get(), "push", context(request, attempt::progress))
                    .whenComplete((result, failure) -> attempt.end(result != null ? result
                            : VerificationResult.of(Reason.PROVIDER_ERROR, "the verification failed"), settings.clock().instant()));
        } catch (InvalidCredentialException e) {
            attempt.end(VerificationResult.of(Reason.NO_CAPABLE_DEVICE, "the provider has no push"), settings.clock().instant());
        } catch (InvalidPrincipalException e) {
            attempt.end(VerificationResult.of(Reason.CONFIGURATION_ERROR, "no principal"), settings.clock().instant());
        }
        pushStarted(request, response, attempt);
    }

    private void pushStarted(HttpServletRequest request, HttpServletResponse response, PushAttempt attempt) throws IOException {
        if (wantsJson(request)) {
            writeJson(response, HttpServletResponse.SC_OK, statusJson(attempt.snapshot(), attempt.principal()));
        } else {
            seeOther(response, request.getContextPath() + settings.stepUrl());
        }
    }

    private void status(HttpServletRequest request, HttpServletResponse response, Authentication user) throws IOException {
        PushAttempt attempt = ownPush(request.getSession(), user);
        if (attempt == null) {
            writeJson(response, HttpServletResponse.SC_NOT_FOUND, new JsonText().put("state", "none"));
            return;
        }
        int after = afterParameter(request);
        PushAttempt.Snapshot now = attempt.snapshot();
        if (now.version() > after || now.ended()) {
            writeJson(response, HttpServletResponse.SC_OK, statusJson(now, attempt.principal()));
            return;
        }
        // Long poll: the request waits for the push's next change, holding no thread.
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(settings.statusHold().toMillis());
        AtomicBoolean answered = new AtomicBoolean();
        Runnable answer = () -> {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            try {
                writeJson(response, HttpServletResponse.SC_OK, statusJson(attempt.snapshot(), attempt.principal()));
            } catch (IOException | RuntimeException e) {
                LOG.debug("MFA-SPRING-003 a push status answer could not be written: {}", e.getClass().getName());
            } finally {
                async.complete();
            }
        };
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) {
                attempt.unwatch(answer);
                answer.run();   // nothing new: the page asks again
            }

            @Override
            public void onError(AsyncEvent event) {
                attempt.unwatch(answer);
                answered.set(true);
            }

            @Override
            public void onComplete(AsyncEvent event) {
                attempt.unwatch(answer);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // nothing to do
            }
        });
        if (!attempt.watch(after, answer)) {
            answer.run();
        }
    }

    private void finish(HttpServletRequest request, HttpServletResponse response, Authentication user) throws IOException {
        HttpSession session = request.getSession();
        PushAttempt attempt = ownPush(session, user);
        if (attempt != null && attempt.takeApproval()) {
            session.removeAttribute(PUSH);
            pushes.forget(attempt);
            grant(request, response, user, wantsJson(request));
            return;
        }
        // Not approved, not ended yet, or already taken (a replay): back to the step.
        if (attempt != null && attempt.snapshot().ended()) {
            session.setAttribute(MESSAGE, outcome(attempt.snapshot().result(), attempt.principal()));
            session.removeAttribute(PUSH);
            pushes.forget(attempt);
        }
        String step = request.getContextPath() + settings.stepUrl();
        if (wantsJson(request)) {
            writeJson(response, HttpServletResponse.SC_CONFLICT, new JsonText().put("state", "none").put("redirect", step));
        } else {
            seeOther(response, step);
        }
    }

    /** Adds the factor, saves the authentication under a new session id, and sends the user on. */
    private void grant(HttpServletRequest request, HttpServletResponse response, Authentication user, boolean json) throws IOException {
        Instant now = settings.clock().instant();
        FactorGrantedAuthority factor = FactorGrantedAuthority.withAuthority(MfaFactor.AUTHORITY).issuedAt(now).build();
        Authentication verified = user.toBuilder().authorities(authorities -> {
            authorities.removeIf(authority -> MfaFactor.AUTHORITY.equals(authority.getAuthority()));
            authorities.add(factor);
        }).build();
        // A new session id at the privilege change, and a new CSRF token: nothing captured before
        // the step (a session id, a form's token) works after it.
        request.changeSessionId();
        SecurityContext context = settings.holder().createEmptyContext();
        context.setAuthentication(verified);
        settings.contexts().saveContext(context, request, response);
        if (settings.csrfTokens() != null) {
            settings.csrfTokens().saveToken(null, request, response);
        }
        SavedRequest saved = settings.requestCache().getRequest(request, response);
        String target = saved != null ? saved.getRedirectUrl() : request.getContextPath() + settings.defaultTargetUrl();
        settings.requestCache().removeRequest(request, response);
        if (json) {
            writeJson(response, HttpServletResponse.SC_OK, new JsonText().put("state", "approved").put("redirect", target));
        } else {
            seeOther(response, target);
        }
    }

    /** What the page says about a result: why, and how many attempts are left or how long the lockout lasts. */
    private String outcome(VerificationResult result, PrincipalId principal) {
        String text = StepMessages.describe(result.reason());
        AttemptTracker tracker = settings.tracker();
        if (tracker == null) {
            return text;
        }
        Reason reason = result.reason();
        boolean counted = reason == Reason.INVALID_PASSCODE || reason == Reason.DENIED || reason == Reason.FRAUD_REPORTED
                || reason == Reason.TIMED_OUT;
        if (reason == Reason.TOO_MANY_ATTEMPTS || (counted && tracker.lockedOut(principal))) {
            Optional<Duration> left = lockoutLeft(principal);
            return text + (counted ? " Too many failed attempts." : "")
                    + left.map(d -> " Try again in " + StepMessages.duration(d) + ".").orElse(" Try again later.");
        }
        if (counted) {
            OptionalInt left = tracker.attemptsLeft(principal);
            if (left.isPresent()) {
                return text + " " + StepMessages.attemptsLeft(left.getAsInt());
            }
        }
        return text;
    }

    private Optional<Duration> lockoutLeft(PrincipalId principal) {
        return settings.tracker() == null ? Optional.empty()
                : settings.tracker().lockedUntil(principal).map(until -> Duration.between(settings.clock().instant(), until));
    }

    private JsonText statusJson(PushAttempt.Snapshot push, PrincipalId principal) {
        JsonText json = new JsonText().put("version", push.version()).put("state", StepPage.state(push));
        if (!push.ended()) {
            Duration left = Duration.between(settings.clock().instant(), push.startedAt().plus(settings.pushTtl()));
            return json.put("message", "Waiting for your approval on your device…").put("code", push.code())
                    .put("secondsLeft", Math.max(0, left.toSeconds()));
        }
        Reason reason = push.result().reason();
        json.put("message", outcome(push.result(), principal));
        if (reason == Reason.TOO_MANY_ATTEMPTS || (settings.tracker() != null && settings.tracker().lockedOut(principal))) {
            lockoutLeft(principal).ifPresent(left -> json.put("secondsLeft", Math.max(0, left.toSeconds())));
        }
        return json;
    }

    /** Answers now if the verification is done, else without holding this thread until it is. */
    private void whenVerified(HttpServletRequest request, HttpServletResponse response, CompletableFuture<VerificationResult> verified,
            Responder responder) throws IOException {
        if (verified.isDone()) {
            responder.respond(verified.join());
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(PASSCODE_LIMIT.toMillis());
        AtomicBoolean answered = new AtomicBoolean();
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) throws IOException {
                if (answered.compareAndSet(false, true)) {
                    respondQuietly(responder, VerificationResult.of(Reason.PROVIDER_UNAVAILABLE, "no answer in time"));
                    async.complete();
                }
            }

            @Override
            public void onError(AsyncEvent event) {
                answered.set(true);
            }

            @Override
            public void onComplete(AsyncEvent event) {
                // nothing to do
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // nothing to do
            }
        });
        verified.whenComplete((result, failure) -> {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            try {
                respondQuietly(responder, result != null ? result : VerificationResult.of(Reason.PROVIDER_ERROR, "the verification failed"));
            } finally {
                async.complete();
            }
        });
    }

    private static void respondQuietly(Responder responder, VerificationResult result) {
        try {
            responder.respond(result);
        } catch (IOException | RuntimeException e) {
            LOG.debug("MFA-SPRING-003 an MFA step answer could not be written: {}", e.getClass().getName());
        }
    }

    @FunctionalInterface
    private interface Responder {
        void respond(VerificationResult result) throws IOException;
    }

    private VerificationContext context(HttpServletRequest request, ProgressListener listener) {
        VerificationContext.Builder context = VerificationContext.builder().applicationName(settings.applicationName())
                .progressListener(listener);
        try {
            return context.clientIp(request.getRemoteAddr()).build();
        } catch (InvalidInputException e) {
            return context.clientIp(null).build();   // a proxy's odd address form: left out, not guessed
        }
    }

    private PushAttempt ownPush(HttpSession session, Authentication user) {
        Optional<PushAttempt> attempt = pushes.find((String) session.getAttribute(PUSH));
        return attempt.filter(push -> push.ownerName().equals(user.getName())).orElse(null);
    }

    private void backToStep(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        request.getSession().setAttribute(MESSAGE, message);
        seeOther(response, request.getContextPath() + settings.stepUrl());
    }

    private static int afterParameter(HttpServletRequest request) {
        String after = request.getParameter("after");
        if (after == null || after.isEmpty() || after.length() > 9) {
            return -1;
        }
        try {
            return Integer.parseInt(after);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean wantsJson(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("application/json");
    }

    private static void seeOther(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
    }

    private static void writeJson(HttpServletResponse response, int status, JsonText json) throws IOException {
        noStore(response);
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write(json.toString());
        response.flushBuffer();
    }

    private static void serve(HttpServletResponse response, String contentType, byte[] body) throws IOException {
        response.setContentType(contentType);
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
    }

    private static byte[] resource(String name) {
        try (InputStream in = MfaStepFilter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + MfaStepFilter.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "MfaStepFilter[" + settings.stepUrl() + "]";
    }
}
