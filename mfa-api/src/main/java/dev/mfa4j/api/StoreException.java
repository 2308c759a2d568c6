package dev.mfa4j.api;

/**
 * The configuration store failed: an I/O error, a corrupt file, a database that went away. A
 * verification never throws it (it answers {@link Reason#STORE_UNAVAILABLE} instead); management
 * operations do.
 *
 * @since 0.1.0
 */
public class StoreException extends MfaException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the file or resource; never a secret */
    public StoreException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the file or resource; never a secret
     * @param cause the underlying failure
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
