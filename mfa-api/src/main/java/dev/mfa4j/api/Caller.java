package dev.mfa4j.api;

import java.util.Objects;

/**
 * Who is asking for a management operation: a caller the host names (a user, an administrator, a
 * service account), or the host application itself. mfa4j passes it to the host's
 * {@link dev.mfa4j.api.spi.ManagementAuthorizer} and names it in audit events; it does not
 * interpret a name.
 *
 * <p>The {@link #system() system caller} is distinct from every named caller: no string makes it,
 * so a user who happens to be called {@code system} is an ordinary named caller. An authorizer
 * should grant the system caller only what the host itself does without a user (start-up
 * provisioning, a single-user embedding), and decide on {@link #isSystem()}, never on the name.
 *
 * <p>Immutable and thread safe. Two named callers are equal when their names are.
 *
 * @since 0.1.0
 */
public final class Caller {

    /** The longest name accepted, in characters. */
    public static final int MAX_NAME_LENGTH = 512;

    private static final Caller SYSTEM = new Caller(null);

    /** The name, or null for the system caller. */
    private final String name;

    private Caller(String name) {
        this.name = name;
    }

    /**
     * @param name the caller's name or principal path as the host identifies them; non-blank, at
     *     most {@value #MAX_NAME_LENGTH} characters, no control characters
     * @return a named caller
     * @throws NullPointerException if {@code name} is null
     * @throws InvalidInputException if the name is blank, too long or has control characters
     */
    public static Caller of(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new InvalidInputException("caller", "must not be blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("caller", "must be at most " + MAX_NAME_LENGTH + " characters, was " + name.length());
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("caller", "must not contain control characters");
        }
        return new Caller(name);
    }

    /**
     * The host application itself, acting without a user: used by {@code MfaService}'s management
     * views when the host names no caller.
     *
     * @return the system caller, equal only to itself
     */
    public static Caller system() {
        return SYSTEM;
    }

    /** @return whether this is the {@link #system() system caller} */
    public boolean isSystem() {
        return this == SYSTEM;
    }

    /**
     * @return the name the host gave; for the system caller, {@code (system)}, for logs only:
     *     compare callers with {@link #equals} or {@link #isSystem()}, never by name
     */
    public String name() {
        return name == null ? "(system)" : name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Caller that && Objects.equals(name, that.name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    /** @return {@link #name()} */
    @Override
    public String toString() {
        return name();
    }
}
