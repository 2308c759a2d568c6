package dev.mfa4j.examples.loginflow;

import dev.mfa4j.api.PrincipalId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host's own users: names and password hashes, in memory. Stands in for a real user
 * database; mfa4j never sees passwords.
 *
 * <p>Thread safe.
 */
public final class UserDirectory {

    private final Map<String, PasswordHash> users = new ConcurrentHashMap<>();
    private final int iterations;
    /** Checked for unknown users, so that they cost as much as known ones (no timing tells who exists). */
    private final PasswordHash decoy;

    /**
     * @param iterations PBKDF2's work factor for new passwords; {@link PasswordHash#RECOMMENDED_ITERATIONS}
     *     outside tests
     */
    public UserDirectory(int iterations) {
        this.iterations = iterations;
        this.decoy = PasswordHash.of("decoy password for unknown users".toCharArray(), iterations);
    }

    /**
     * Adds a user, or replaces their password.
     *
     * @param username the user's name; it must make a valid principal path, so that any user can be given MFA
     * @param password their password; not kept
     * @throws dev.mfa4j.api.InvalidPrincipalException if the name cannot be part of a principal path
     */
    public void add(String username, char[] password) {
        PrincipalId.user(LoginService.IDENTITY_PROVIDER, username);
        users.put(username, PasswordHash.of(password, iterations));
    }

    /**
     * Checks a user's password with the same work for every name, known or not.
     *
     * @param username who claims to log in
     * @param password what they typed; not kept
     * @return whether the user exists and the password is theirs
     */
    public boolean checkPassword(String username, char[] password) {
        PasswordHash stored = users.get(username);
        boolean matches = (stored == null ? decoy : stored).matches(password);
        return stored != null && matches;
    }
}
