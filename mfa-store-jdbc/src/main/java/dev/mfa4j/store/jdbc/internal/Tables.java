package dev.mfa4j.store.jdbc.internal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The names of the store's tables, made from a validated prefix. These names are the only text
 * ever placed into SQL other than the module's own constants: every value goes in as a parameter.
 *
 * @param prefix the validated prefix, such as {@code mfa_}
 */
public record Tables(String prefix) {

    /** Lower case so that PostgreSQL and H2 fold unquoted names alike; short so every name fits both. */
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,20}");

    /** The prefix used when none is given. */
    public static final String DEFAULT_PREFIX = "mfa_";

    /**
     * @param prefix the table prefix
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is not a lower-case letter followed by up to 20
     *     lower-case letters, digits or underscores
     */
    public Tables {
        Objects.requireNonNull(prefix, "prefix");
        if (!PREFIX.matcher(prefix).matches()) {
            // The prefix is not echoed: it is configuration, but it failed the only check that makes it safe to print.
            throw new IllegalArgumentException("a table prefix is a lower-case letter followed by up to 20 lower-case letters, "
                    + "digits or _ (such as mfa_); the one given is not");
        }
    }

    /** @return the table of applied schema versions */
    public String schemaVersion() {
        return prefix + "schema_version";
    }

    /** @return the configurations table */
    public String configuration() {
        return prefix + "configuration";
    }

    /** @return the configuration options table, one row per option with its position */
    public String configurationOption() {
        return prefix + "configuration_option";
    }

    /** @return the principal assignments table */
    public String assignment() {
        return prefix + "assignment";
    }

    /** @return the attempt state table, one row per principal key */
    public String attempt() {
        return prefix + "attempt";
    }

    /** @return the used passcodes table */
    public String usedPasscode() {
        return prefix + "used_passcode";
    }

    /** @return the enrollments table, one row per principal and slot */
    public String enrollment() {
        return prefix + "enrollment";
    }

    /** @return the enrollment values table, one row per value with its position */
    public String enrollmentValue() {
        return prefix + "enrollment_value";
    }

    /** @return the one-row count of changes made through the configuration store, read by lookup caches */
    public String changeCount() {
        return prefix + "change_count";
    }

    /**
     * @param template SQL text naming tables as {@code ${prefix}configuration} and so on
     * @return the text with the prefix in place
     */
    public String expand(String template) {
        return template.replace("${prefix}", prefix);
    }
}
