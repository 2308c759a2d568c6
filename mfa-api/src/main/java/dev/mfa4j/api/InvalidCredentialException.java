package dev.mfa4j.api;

/**
 * What the user typed is neither a passcode nor a keyword the assigned provider understands. It
 * is thrown before any provider is called, and its message never repeats the typed text (it
 * could be a mistyped password).
 *
 * @see Credential#parse(String, java.util.Set)
 * @since 0.1.0
 */
public class InvalidCredentialException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /**
     * @param problem what is wrong and what was expected
     */
    public InvalidCredentialException(String problem) {
        super("credential", problem);
    }
}
