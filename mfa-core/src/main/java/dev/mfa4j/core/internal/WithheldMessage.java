package dev.mfa4j.core.internal;

/**
 * Stands in for an exception from host code (a store, a database driver) whose message could
 * quote stored values, secrets among them: it keeps the original's class name and stack frames,
 * and those of its causes, so a stack trace still shows where things failed, but not the message.
 */
public final class WithheldMessage extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_DEPTH = 8;

    private WithheldMessage(Throwable original) {
        // The one-argument constructor leaves the cause unset, so initCause below may set it.
        super(original.getClass().getName() + " (message withheld: it may quote stored values)");
        setStackTrace(original.getStackTrace());
    }

    /**
     * @param original an exception from host code
     * @return a copy of it and its causes without their messages
     */
    public static WithheldMessage of(Throwable original) {
        WithheldMessage top = new WithheldMessage(original);
        WithheldMessage current = top;
        Throwable cause = original.getCause();
        for (int depth = 1; cause != null && cause != original && depth < MAX_DEPTH; depth++) {
            WithheldMessage next = new WithheldMessage(cause);
            current.initCause(next);
            current = next;
            cause = cause.getCause();
        }
        return top;
    }
}
