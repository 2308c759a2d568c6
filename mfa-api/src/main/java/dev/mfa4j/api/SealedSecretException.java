package dev.mfa4j.api;

/**
 * A sealed secret option cannot be opened: it was sealed for another configuration (the value was
 * moved), with a key this service does not have, or it was altered. A key or sealing failure, not
 * a storage failure: the store returned what it holds. The configuration is unusable until the
 * secret is written again; verifications with it fail closed with
 * {@link Reason#CONFIGURATION_ERROR}.
 *
 * @since 0.1.0
 */
public class SealedSecretException extends MfaException {

    private static final long serialVersionUID = 1L;

    /** @param message names the configuration and option, never a value */
    public SealedSecretException(String message) {
        super(message);
    }
}
