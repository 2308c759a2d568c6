package dev.mfa4j.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a user typed at the MFA prompt, once understood: a {@link Passcode} (digits), a
 * {@link Keyword} that asks the provider for an out-of-band factor, such as {@code push}, or one
 * of the principal's {@link RecoveryCode}s.
 *
 * @since 0.1.0
 */
public sealed interface Credential permits Credential.Passcode, Credential.Keyword, Credential.RecoveryCode {

    /** The longest typed credential looked at; anything longer is refused unread. */
    int MAX_TYPED_LENGTH = 64;
    /** The fewest digits in a passcode. */
    int MIN_PASSCODE_DIGITS = 4;
    /** The most digits in a passcode. */
    int MAX_PASSCODE_DIGITS = 16;

    /** The keyword that asks for a push to the user's device. */
    Keyword PUSH = new Keyword("push");
    /** The characters of a recovery code: Crockford's Base32, {@code 0-9 A-Z} without {@code I L O U}. */
    String RECOVERY_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    /** The characters in a recovery code, dashes and spaces not counted. */
    int RECOVERY_CODE_LENGTH = 16;

    /**
     * @return the factor this credential uses, for events and logs: {@code passcode} or the
     *     keyword itself
     */
    String factor();

    /**
     * Understands what a user typed. The rules, in order:
     * <ol>
     *   <li>more than {@value #MAX_TYPED_LENGTH} characters, empty input, or whitespace before or
     *       after: refused;</li>
     *   <li>only the ASCII digits {@code 0-9}: a passcode, if it has {@value #MIN_PASSCODE_DIGITS}
     *       to {@value #MAX_PASSCODE_DIGITS} digits (other digits, such as full-width ones, are
     *       refused rather than translated);</li>
     *   <li>one of {@code keywords}, matched without regard to case: that keyword;</li>
     *   <li>digits with dashes or spaces between them, as authenticator apps show a code
     *       ({@code 123 456}): a passcode of those digits;</li>
     *   <li>{@value #RECOVERY_CODE_LENGTH} characters of {@link #RECOVERY_CODE_ALPHABET}, in any
     *       case, once dashes and spaces are taken out: a recovery code. Text with a dash or a
     *       space inside is meant as one, and is refused, without being repeated, if it has
     *       another length or another character;</li>
     *   <li>anything else: refused.</li>
     * </ol>
     *
     * @param typed what the user typed
     * @param keywords the keywords the provider understands, in lower case, such as {@code push}
     * @return the credential
     * @throws NullPointerException if an argument is null
     * @throws InvalidCredentialException if the input is neither; the message never repeats it
     */
    static Credential parse(String typed, Set<String> keywords) {
        Objects.requireNonNull(typed, "typed");
        Objects.requireNonNull(keywords, "keywords");
        if (typed.length() > MAX_TYPED_LENGTH) {
            throw new InvalidCredentialException("is " + typed.length() + " characters long; at most " + MAX_TYPED_LENGTH + " are read");
        }
        if (typed.isEmpty()) {
            throw new InvalidCredentialException("is empty; " + expected(keywords));
        }
        if (isSpace(typed.charAt(0)) || isSpace(typed.charAt(typed.length() - 1))) {
            throw new InvalidCredentialException("has whitespace before or after it; " + expected(keywords));
        }
        boolean allAsciiDigits = true;
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c < '0' || c > '9') {
                allAsciiDigits = false;
                if (Character.isDigit(c)) {
                    throw new InvalidCredentialException("has a digit that is not one of the ASCII digits 0-9 (U+"
                            + String.format("%04X", (int) c) + "); type the passcode with 0-9");
                }
            }
        }
        if (allAsciiDigits) {
            return new Passcode(typed);
        }
        if (typed.chars().allMatch(c -> c < 0x80)) {
            String lower = typed.toLowerCase(Locale.ROOT);
            if (keywords.contains(lower)) {
                return new Keyword(lower);
            }
        }
        // "123 456", as authenticator apps show a code: the digits are the passcode.
        String compact = typed.replace("-", "").replace(" ", "");
        if (compact.length() < typed.length() && !compact.isEmpty() && compact.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return new Passcode(compact);
        }
        return RecoveryCode.parse(typed).orElseThrow(() -> new InvalidCredentialException("is not a passcode or a keyword; "
                + expected(keywords)));
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c);
    }

    private static String expected(Set<String> keywords) {
        String passcodes = "type a passcode of " + MIN_PASSCODE_DIGITS + " to " + MAX_PASSCODE_DIGITS + " digits";
        return (keywords.isEmpty() ? passcodes : passcodes + ", one of: " + describeKeywords(keywords)) + ", or a recovery code";
    }

    /**
     * Lists keywords for a message to a user, sorted, with numbered variants folded into their
     * base: {@code push, push1 ... push9, sms} reads {@code push (push1 to push9), sms}.
     *
     * @param keywords lower-case keywords
     * @return the list, comma separated
     * @throws NullPointerException if {@code keywords} is null
     */
    public static String describeKeywords(Set<String> keywords) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (String keyword : new TreeSet<>(keywords)) {
            java.util.regex.Matcher numbered = java.util.regex.Pattern.compile("(.*?)([1-9][0-9]*)").matcher(keyword);
            if (numbered.matches() && Integer.parseInt(numbered.group(2)) <= contiguousFromOne(numbered.group(1), keywords)) {
                continue;
            }
            int highest = contiguousFromOne(keyword, keywords);
            parts.add(highest == 0 ? keyword : keyword + " (" + keyword + "1 to " + keyword + highest + ")");
        }
        return String.join(", ", parts);
    }

    /** How far {@code base1}, {@code base2}... run without a gap, when {@code base} itself is a keyword. */
    private static int contiguousFromOne(String base, Set<String> keywords) {
        int highest = 0;
        while (keywords.contains(base) && keywords.contains(base + (highest + 1))) {
            highest++;
        }
        return highest;
    }

    /**
     * A one-time passcode. {@link #toString()} masks it, and {@link #equals(Object)} compares in
     * constant time.
     *
     * @param digits {@value #MIN_PASSCODE_DIGITS} to {@value #MAX_PASSCODE_DIGITS} ASCII digits
     */
    record Passcode(String digits) implements Credential {

        /**
         * @param digits {@value #MIN_PASSCODE_DIGITS} to {@value #MAX_PASSCODE_DIGITS} ASCII digits
         * @throws NullPointerException if {@code digits} is null
         * @throws InvalidCredentialException if it is not 4 to 16 ASCII digits
         */
        public Passcode {
            Objects.requireNonNull(digits, "digits");
            if (digits.length() < MIN_PASSCODE_DIGITS || digits.length() > MAX_PASSCODE_DIGITS) {
                throw new InvalidCredentialException("a passcode has " + MIN_PASSCODE_DIGITS + " to " + MAX_PASSCODE_DIGITS
                        + " digits; this one has " + digits.length());
            }
            if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new InvalidCredentialException("a passcode has only the digits 0-9");
            }
        }

        @Override
        public String factor() {
            return "passcode";
        }

        /** Compares the digits in time that does not depend on where they differ. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Passcode that && MessageDigest.isEqual(
                    digits.getBytes(StandardCharsets.US_ASCII), that.digits.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public int hashCode() {
            return digits.length();
        }

        /** @return {@code Passcode[******]}, one star per digit: never the digits */
        @Override
        public String toString() {
            return "Passcode[" + "*".repeat(digits.length()) + "]";
        }
    }

    /**
     * A keyword asking the provider for an out-of-band factor, such as {@code push}, or Duo's
     * {@code phone}, {@code sms} and {@code push2}.
     *
     * @param name a lower-case letter, then up to 15 lower-case letters or digits
     */
    record Keyword(String name) implements Credential {

        private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,15}");

        /**
         * @param name a lower-case letter, then up to 15 lower-case letters or digits
         * @throws NullPointerException if {@code name} is null
         * @throws InvalidCredentialException if the name breaks the rule above
         */
        public Keyword {
            Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches()) {
                throw new InvalidCredentialException("a keyword is a lower-case letter then up to 15 lower-case letters or digits");
            }
        }

        @Override
        public String factor() {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * One of the principal's recovery codes, as typed once dashes and spaces are taken out and
     * letters made upper case: {@value #RECOVERY_CODE_LENGTH} characters of
     * {@link #RECOVERY_CODE_ALPHABET}. {@link #toString()} masks it, and {@link #equals(Object)}
     * compares in constant time.
     *
     * @param characters the code's characters
     */
    record RecoveryCode(String characters) implements Credential {

        /**
         * @param characters the code's characters
         * @throws NullPointerException if {@code characters} is null
         * @throws InvalidCredentialException if it is not such a code; the message never repeats it
         */
        public RecoveryCode {
            Objects.requireNonNull(characters, "characters");
            String problem = problem(characters);
            if (problem != null) {
                throw new InvalidCredentialException(problem);
            }
        }

        /**
         * @param typed what a person typed
         * @return the recovery code it is, or empty if it is not meant as one
         * @throws InvalidCredentialException if it is meant as one (it has a dash or a space
         *     inside) but has another length or another character
         */
        static java.util.Optional<RecoveryCode> parse(String typed) {
            boolean separated = typed.indexOf('-') >= 0 || typed.indexOf(' ') >= 0;
            String normalised = typed.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
            String problem = problem(normalised);
            if (problem == null) {
                return java.util.Optional.of(new RecoveryCode(normalised));
            }
            if (separated) {
                throw new InvalidCredentialException(problem);
            }
            return java.util.Optional.empty();
        }

        private static String problem(String characters) {
            if (characters.length() != RECOVERY_CODE_LENGTH) {
                return "a recovery code has " + RECOVERY_CODE_LENGTH + " characters (dashes and spaces not counted); this one has "
                        + characters.length();
            }
            for (int i = 0; i < characters.length(); i++) {
                if (RECOVERY_CODE_ALPHABET.indexOf(characters.charAt(i)) < 0) {
                    return "a recovery code has only the characters 0-9 and A-Z without I, L, O and U; character " + (i + 1)
                            + " is not one of them";
                }
            }
            return null;
        }

        @Override
        public String factor() {
            return "recovery-code";
        }

        /** Compares the characters in time that does not depend on where they differ. */
        @Override
        public boolean equals(Object other) {
            return other instanceof RecoveryCode that && MessageDigest.isEqual(
                    characters.getBytes(StandardCharsets.US_ASCII), that.characters.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public int hashCode() {
            return characters.length();
        }

        /** @return {@code RecoveryCode[****]}: never the code */
        @Override
        public String toString() {
            return "RecoveryCode[****]";
        }
    }
}
