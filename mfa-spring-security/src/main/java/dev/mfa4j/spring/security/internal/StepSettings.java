package dev.mfa4j.spring.security.internal;

import dev.mfa4j.core.MfaService;
import dev.mfa4j.spring.security.AttemptTracker;
import dev.mfa4j.spring.security.PrincipalMapping;
import dev.mfa4j.spring.security.VerificationCall;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Everything the step filter needs, as the configurer resolved it.
 *
 * @param mfa the service, for {@code requiresMfa}
 * @param verification how verifications start
 * @param principals the user to principal mapping
 * @param tracker attempts-left hints, or null
 * @param clock the time source for the factor's issue time and the page's countdowns
 * @param stepUrl the step page, relative to the context path, such as {@code /mfa}
 * @param defaultTargetUrl where a verified user goes when no request was saved
 * @param logoutUrl the application's logout URL, for the page's "sign out"; null for none
 * @param statusHold how long a status request waits for a change before answering anyway
 * @param pushTtl how long a push may wait for its answer (the page's countdown)
 * @param applicationName sent with each verification, or null
 * @param permittedDuringStep requests a user may make before the step is done
 * @param requestCache where the request that was held back is saved
 * @param contexts where the verified authentication is saved
 * @param holder the security context holder strategy
 * @param csrfTokens the CSRF token repository, rotated when the factor is granted; null if CSRF is off
 */
public record StepSettings(MfaService mfa, VerificationCall verification, PrincipalMapping principals, AttemptTracker tracker, Clock clock,
        String stepUrl, String defaultTargetUrl, String logoutUrl, Duration statusHold, Duration pushTtl, String applicationName,
        RequestMatcher permittedDuringStep, RequestCache requestCache, SecurityContextRepository contexts,
        SecurityContextHolderStrategy holder, CsrfTokenRepository csrfTokens) {
}
