package dev.mfa4j.api;

/**
 * The store could not be used in time: a file lock another process held past the wait allowed, a
 * database that did not answer. Unlike a plain {@link StoreException} (a corrupt file, a refused
 * write), trying again later may succeed. A verification never throws it: it answers
 * {@link Reason#STORE_UNAVAILABLE}.
 *
 * @since 0.1.0
 */
public class StoreUnavailableException extends StoreException {

    private static final long serialVersionUID = 1L;

    /** @param message what could not be reached, naming the file or resource; never a secret */
    public StoreUnavailableException(String message) {
        super(message);
    }

    /**
     * @param message what could not be reached, naming the file or resource; never a secret
     * @param cause the underlying failure
     */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
