package dev.mfa4j.api.spi;

import java.util.Objects;
import java.util.function.Function;

/**
 * Stands in for an exception whose message could quote stored values, secrets among them (a
 * database driver's duplicate-key message quotes the row, for example): it keeps the original's
 * class name and stack frames, and those of its causes, so a stack trace still shows where things
 * failed, but never a message.
 *
 * <p>Store authors attach it as the cause of the {@link dev.mfa4j.api.StoreException} they throw:
 * <pre>{@code
 * } catch (SQLException e) {
 *     throw new StoreException("my store failed in findAssignment", WithheldMessage.of(e));
 * }
 * }</pre>
 * mfa-core does the same with any unchecked exception a host's store throws.
 *
 * @since 0.1.0
 */
public final class WithheldMessage extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_DEPTH = 8;

    private WithheldMessage(String description) {
        // The one-argument constructor leaves the cause unset, so of() may chain the copies.
        super(description + " (message withheld: it may quote stored values)");
    }

    /**
     * @param original the exception to stand in for
     * @return a copy of it and its causes (up to {@value #MAX_DEPTH} deep) without their messages
     * @throws NullPointerException if {@code original} is null
     */
    public static WithheldMessage of(Throwable original) {
        return of(original, failure -> failure.getClass().getName());
    }

    /**
     * As {@link #of(Throwable)}, with a description of each exception that says more than its
     * class, such as a SQL state.
     *
     * @param original the exception to stand in for
     * @param describe describes one exception of the chain; must not quote its message
     * @return a copy of it and its causes without their messages
     * @throws NullPointerException if an argument is null
     */
    public static WithheldMessage of(Throwable original, Function<Throwable, String> describe) {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(describe, "describe");
        WithheldMessage top = copy(original, describe);
        WithheldMessage current = top;
        Throwable cause = original.getCause();
        for (int depth = 1; cause != null && cause != original && depth < MAX_DEPTH; depth++) {
            WithheldMessage next = copy(cause, describe);
            current.initCause(next);
            current = next;
            cause = cause.getCause();
        }
        return top;
    }

    private static WithheldMessage copy(Throwable original, Function<Throwable, String> describe) {
        WithheldMessage copy = new WithheldMessage(describe.apply(original));
        copy.setStackTrace(original.getStackTrace());
        return copy;
    }
}
