package dev.mfa4j.api;

/**
 * The installed providers cannot be used together, for example because two of them claim the
 * same type. Thrown when the service is built, never during a verification.
 *
 * @since 0.1.0
 */
public class ProviderLoadException extends MfaException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the provider classes involved */
    public ProviderLoadException(String message) {
        super(message);
    }
}
