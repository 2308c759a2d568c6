package dev.mfa4j.api;

import java.util.Objects;

/**
 * Who is asking for a management operation, as the host knows them. mfa4j passes it to the
 * host's {@link dev.mfa4j.api.spi.ManagementAuthorizer} and names it in audit events; it does not
 * interpret it.
 *
 * @param name the caller's name or principal path as the host identifies them; non-blank, at
 *     most 512 characters, no control characters
 * @since 0.1.0
 */
public record Caller(String name) {

    private static final Caller SYSTEM = new Caller("system");

    /**
     * @throws InvalidInputException if the name is blank, too long or has control characters
     */
    public Caller {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new InvalidInputException("caller", "must not be blank");
        }
        if (name.length() > 512) {
            throw new InvalidInputException("caller", "must be at most 512 characters, was " + name.length());
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("caller", "must not contain control characters");
        }
    }

    /**
     * @param name the caller's name or principal path
     * @return a caller
     */
    public static Caller of(String name) {
        return new Caller(name);
    }

    /**
     * The caller used when a host does not name one: the host application itself, for example
     * during start-up or in a single-user embedding.
     *
     * @return the caller named {@code system}
     */
    public static Caller system() {
        return SYSTEM;
    }

    @Override
    public String toString() {
        return name;
    }
}
