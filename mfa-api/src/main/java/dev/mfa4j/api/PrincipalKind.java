package dev.mfa4j.api;

import java.util.Locale;
import java.util.Optional;

/**
 * The kind of a principal, the third segment of its path
 * ({@code principal/<identity-provider>/<kind>/<name>}). Only users and applications can have MFA.
 *
 * @since 0.1.0
 */
public enum PrincipalKind {
    /** A person who logs in. Supports MFA. */
    USER(true),
    /** An application identity that logs in. Supports MFA. */
    APPLICATION(true),
    /** A group of principals. Does not support MFA: a group never logs in itself. */
    GROUP(false);

    private final boolean supportsMfa;

    PrincipalKind(boolean supportsMfa) {
        this.supportsMfa = supportsMfa;
    }

    /** @return whether principals of this kind can be assigned an MFA configuration */
    public boolean supportsMfa() {
        return supportsMfa;
    }

    /** @return the kind as written in a principal path: {@code user}, {@code application}, {@code group} */
    public String pathSegment() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param segment a path segment, matched without regard to case
     * @return the kind, or empty if no kind has that name
     */
    public static Optional<PrincipalKind> fromPathSegment(String segment) {
        for (PrincipalKind kind : values()) {
            if (kind.pathSegment().equalsIgnoreCase(segment)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
