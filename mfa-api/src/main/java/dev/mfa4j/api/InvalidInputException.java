package dev.mfa4j.api;

import java.util.Objects;

/**
 * Input that mfa4j refuses before acting on it: a malformed principal path, a credential that is
 * neither a passcode nor a known keyword, an invalid configuration. Nothing was stored or sent
 * when this is thrown.
 *
 * @since 0.1.0
 */
public class InvalidInputException extends MfaException {

    private static final long serialVersionUID = 1L;

    /** The input field that was refused. */
    private final String field;
    /** What is wrong with it, without its value. */
    private final String problem;

    /**
     * @param field the name of the offending field, such as {@code "kind"} or
     *     {@code "Options.Host"}
     * @param problem what is wrong with it and what was expected; never the secret value itself
     */
    public InvalidInputException(String field, String problem) {
        super(Objects.requireNonNull(field, "field") + ": " + Objects.requireNonNull(problem, "problem"));
        this.field = field;
        this.problem = problem;
    }

    /**
     * @param message the whole message, for subclasses that report several fields
     * @param field the first offending field
     * @param problem the problem with the first offending field
     */
    protected InvalidInputException(String message, String field, String problem) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** @return the name of the offending field (the first one, when several are at fault) */
    public String field() {
        return field;
    }

    /** @return what is wrong with that field, without the field's name */
    public String problem() {
        return problem;
    }
}
