package dev.mfa4j.api;

import java.util.Locale;
import java.util.Objects;

/**
 * Names a principal, the identity that logs in: {@code principal/<identity-provider>/<kind>/<name>},
 * for example {@code principal/internal/user/bob}.
 *
 * <p>Rules, checked when parsing and when constructing:
 * <ul>
 *   <li>exactly four segments separated by {@code /}; the first is {@code principal};</li>
 *   <li>the identity provider: 1 to 64 of {@code A-Z a-z 0-9 . _ -}; the kind: {@code user},
 *       {@code application} or {@code group};</li>
 *   <li>the name: 1 to 256 of {@code A-Z a-z 0-9 . _ - @ +};</li>
 *   <li>no segment is empty, {@code .} or {@code ..}; no whitespace, control or non-ASCII
 *       character anywhere, so look-alike letters from other scripts cannot name a second
 *       principal that reads like the first.</li>
 * </ul>
 *
 * <h2>One comparison rule</h2>
 * Every segment is matched without regard to ASCII case and kept in lower case, the name included:
 * {@code principal/LDAP/User/Bob} is {@code principal/ldap/user/bob}. Since only ASCII is allowed,
 * there is nothing for Unicode normalisation to fold: a name typed with an accented letter (in NFC
 * or NFD form) or with a look-alike letter from another script is refused, never matched to an
 * ASCII name. The rule suits hosts whose directory ignores case (LDAP, Active Directory): the
 * name a user typed finds the assignment whatever its case, so {@code requiresMfa}, {@code verify},
 * assignments, attempt counters and every store agree on one principal. A host whose directory
 * tells {@code Bob} from {@code bob} gets one MFA principal for both, which fails safe: each must
 * pass that principal's second factor.
 *
 * <p>Error messages name the segment and position at fault but never echo the input, which
 * could carry line breaks into a log.
 *
 * @param identityProvider the identity provider, such as {@code internal}; lower case
 * @param kind the kind of principal
 * @param name the principal's name within the identity provider; lower case
 * @since 0.1.0
 */
public record PrincipalId(String identityProvider, PrincipalKind kind, String name) {

    /** The longest principal path accepted, in characters. */
    public static final int MAX_PATH_LENGTH = 1 + "principal".length() + 64 + 1 + "application".length() + 1 + 256 + 1;

    private static final String PREFIX = "principal";
    private static final int MAX_IDENTITY_PROVIDER_LENGTH = 64;
    private static final int MAX_NAME_LENGTH = 256;

    /**
     * @param identityProvider the identity provider, such as {@code internal}; lower case
     * @param kind the kind of principal
     * @param name the principal's name within the identity provider; lower case
     * @throws NullPointerException if any component is null
     * @throws InvalidPrincipalException if the identity provider or name breaks the rules above
     */
    public PrincipalId {
        Objects.requireNonNull(identityProvider, "identityProvider");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        checkSegment("identityProvider", identityProvider, MAX_IDENTITY_PROVIDER_LENGTH, "._-");
        checkSegment("name", name, MAX_NAME_LENGTH, "._-@+");
        identityProvider = identityProvider.toLowerCase(Locale.ROOT);
        name = name.toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a principal path.
     *
     * @param path such as {@code principal/internal/user/bob}
     * @return the principal
     * @throws NullPointerException if {@code path} is null
     * @throws InvalidPrincipalException naming the segment at fault if the path breaks the rules
     */
    public static PrincipalId parse(String path) {
        Objects.requireNonNull(path, "path");
        if (path.length() > MAX_PATH_LENGTH) {
            throw new InvalidPrincipalException("principal",
                    "is " + path.length() + " characters long; a principal path has at most " + MAX_PATH_LENGTH);
        }
        checkCharacters("principal", path, "._-@+/");
        String[] segments = path.split("/", -1);
        if (segments.length != 4) {
            throw new InvalidPrincipalException("principal", "must have four segments, principal/<identity-provider>/<kind>/<name>, but has "
                    + segments.length);
        }
        if (!segments[0].equalsIgnoreCase(PREFIX)) {
            throw new InvalidPrincipalException("principal", "must start with 'principal/'");
        }
        PrincipalKind kind = PrincipalKind.fromPathSegment(segments[2]).orElseThrow(() -> new InvalidPrincipalException("kind",
                segments[2].isEmpty() ? "must not be empty" : "must be user, application or group"));
        return new PrincipalId(segments[1], kind, segments[3]);
    }

    /**
     * @param identityProvider the identity provider, such as {@code internal}
     * @param name the user's name
     * @return the principal {@code principal/<identityProvider>/user/<name>}
     * @throws InvalidPrincipalException if a segment breaks the rules
     */
    public static PrincipalId user(String identityProvider, String name) {
        return new PrincipalId(identityProvider, PrincipalKind.USER, name);
    }

    /** @return whether this principal's kind can have MFA (users and applications) */
    public boolean supportsMfa() {
        return kind.supportsMfa();
    }

    /** @return the canonical path, such as {@code principal/internal/user/bob} */
    public String path() {
        return PREFIX + "/" + identityProvider + "/" + kind.pathSegment() + "/" + name;
    }

    /** @return {@link #path()} */
    @Override
    public String toString() {
        return path();
    }

    private static void checkSegment(String field, String value, int maxLength, String punctuation) {
        if (value.isEmpty()) {
            throw new InvalidPrincipalException(field, "must not be empty");
        }
        if (value.length() > maxLength) {
            throw new InvalidPrincipalException(field, "is " + value.length() + " characters long; at most " + maxLength + " are allowed");
        }
        if (value.equals(".") || value.equals("..")) {
            throw new InvalidPrincipalException(field, "must not be '.' or '..'");
        }
        checkCharacters(field, value, punctuation);
    }

    private static void checkCharacters(String field, String value, String punctuation) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || punctuation.indexOf(c) >= 0;
            if (!allowed) {
                throw new InvalidPrincipalException(field, "has " + describe(c) + " at position " + (i + 1)
                        + "; allowed are A-Z a-z 0-9 and " + String.join(" ", punctuation.replace("/", "").split("")));
            }
        }
    }

    private static String describe(char c) {
        if (c == '/') {
            return "an extra '/'";
        }
        if (Character.isISOControl(c)) {
            return "a control character (U+" + String.format("%04X", (int) c) + ")";
        }
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return "whitespace";
        }
        if (c > 0x7e) {
            return "a non-ASCII character (U+" + String.format("%04X", (int) c) + ")";
        }
        return "the character '" + c + "'";
    }
}
