package dev.mfa4j.examples.cli;

/**
 * Input the command line refuses before (or instead of) asking the library: a file that cannot be
 * read, a missing answer. Its message is the whole line the user sees, naming the file or flag.
 * Exit code {@link ExitCodes#BAD_INPUT}.
 */
public final class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message the line to show, naming what was wrong */
    public BadInputException(String message) {
        super(message);
    }

    /**
     * @param message the line to show, naming what was wrong
     * @param cause what was caught, for {@code --verbose}
     */
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
