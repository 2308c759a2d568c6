package dev.mfa4j.api;

/**
 * The rules for a configuration name, shared by {@link MfaConfiguration} and
 * {@link MfaAssignment} so both refuse the same names with the same words.
 */
final class ConfigurationNames {

    static final int MAX_LENGTH = 128;

    private ConfigurationNames() {
    }

    /**
     * @param field the field to name in the error
     * @param name the candidate name, not null
     * @return the problem with the name, or null when it is valid
     */
    static String problem(String field, String name) {
        if (name.isBlank()) {
            return "must not be blank";
        }
        if (name.length() > MAX_LENGTH) {
            return "is " + name.length() + " characters long; at most " + MAX_LENGTH + " are allowed";
        }
        if (name.strip().length() != name.length()) {
            return "must not start or end with whitespace";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return "has a control or non-ASCII character (U+" + String.format("%04X", (int) c) + ") at position " + (i + 1)
                        + "; names are printable ASCII";
            }
            if (c == '/') {
                return "must not contain '/' (names are used in resource paths such as mfa/configurations/<name>)";
            }
        }
        return null;
    }
}
