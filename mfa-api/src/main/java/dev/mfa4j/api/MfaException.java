package dev.mfa4j.api;

/**
 * The root of every exception mfa4j throws. It is unchecked: catch it where a host turns library
 * errors into its own responses.
 *
 * <p>Exceptions are for bad input, misconfiguration, refused management operations and storage
 * failures. The outcome of a verification (approved, wrong passcode, provider unreachable...) is
 * never an exception: it is a {@link VerificationResult}.
 *
 * <p>No message of any mfa4j exception contains a secret option value or a passcode.
 *
 * @since 0.1.0
 */
public class MfaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming the field or value at fault; never a secret
     */
    public MfaException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the field or value at fault; never a secret
     * @param cause the underlying failure, may be {@code null}
     */
    public MfaException(String message, Throwable cause) {
        super(message, cause);
    }
}
