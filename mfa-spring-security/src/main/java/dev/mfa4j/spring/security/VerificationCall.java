package dev.mfa4j.spring.security;

import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.core.MfaService;
import java.util.concurrent.CompletableFuture;

/**
 * How the step starts a verification. The default is {@link MfaService#verifyAsync}; the Spring
 * Boot starter wraps it in a Micrometer observation when Micrometer is present. Must not block:
 * it runs on a request thread, and a push is waited for without holding one.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface VerificationCall {

    /**
     * As {@link MfaService#verifyAsync(PrincipalId, String, VerificationContext)}.
     *
     * @param principal who is logging in
     * @param typed a passcode, or a keyword such as {@code push}
     * @param context facts about the attempt, with the step's progress listener
     * @return the result; it does not complete exceptionally
     */
    CompletableFuture<VerificationResult> verifyAsync(PrincipalId principal, String typed, VerificationContext context);
}
