package dev.mfa4j.api.spi;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Describes one option a provider accepts, so mfa-core can validate configurations and hosts can
 * render forms without knowing the provider.
 *
 * <pre>{@code
 * OptionSpec.builder("IntegrationKey")
 *         .required()
 *         .description("The Duo integration key (ikey)")
 *         .check(OptionCheck.matching(IKEY, "DI followed by 18 upper-case letters or digits"))
 *         .build();
 * }</pre>
 *
 * @param name the option key as written in configurations, such as {@code Host}; keys are
 *     matched without regard to case on input and stored with this spelling
 * @param required whether a configuration must set it
 * @param secret whether its value is a secret: redacted when configurations are read, never
 *     logged, kept on update when the update omits it or sends the redaction mask
 * @param description one sentence for users, naming the default if there is one
 * @param defaultValue the value used when the option is not set, for documentation; empty for
 *     required options and options without a default
 * @param check checks a value's form when a configuration is written
 * @param secretsDestination whether this option decides where secret options are sent (a host, a
 *     proxy, the certificates trusted for TLS). An update that changes it while keeping a stored
 *     secret (by leaving the secret out or sending the redaction mask) must give the secrets
 *     again, unless the caller may read them: otherwise a caller who may update but not read
 *     secrets could send them to a server of their own.
 * @since 0.1.0
 */
public record OptionSpec(String name, boolean required, boolean secret, String description, Optional<String> defaultValue,
        OptionCheck check, boolean secretsDestination) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    /**
     * @param name the option key as written in configurations, such as {@code Host}; keys are
     *         matched without regard to case on input and stored with this spelling
     * @param required whether a configuration must set it
     * @param secret whether its value is a secret: redacted when configurations are read, never
     *         logged, kept on update when the update omits it or sends the redaction mask
     * @param description one sentence for users, naming the default if there is one
     * @param defaultValue the value used when the option is not set, for documentation; empty for
     *         required options and options without a default
     * @param check checks a value's form when a configuration is written
     * @param secretsDestination whether this option decides where secret options are sent (a host, a
     *         proxy, the certificates trusted for TLS). An update that changes it while keeping a stored
     *         secret (by leaving the secret out or sending the redaction mask) must give the secrets
     *         again, unless the caller may read them: otherwise a caller who may update but not read
     *         secrets could send them to a server of their own.
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the name is not a valid option key, or a required
     *     option has a default
     */
    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(check, "check");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("option name must be a letter then up to 63 letters, digits or _: " + name);
        }
        if (required && defaultValue.isPresent()) {
            throw new IllegalArgumentException("required option " + name + " cannot have a default value");
        }
    }

    /**
     * @param name the option key
     * @return a builder for an optional, non-secret option that accepts any value
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds an {@link OptionSpec}. */
    public static final class Builder {
        private final String name;
        private boolean required;
        private boolean secret;
        private String description = "";
        private String defaultValue;
        private OptionCheck check = OptionCheck.any();
        private boolean secretsDestination;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** @return this builder, for an option that every configuration must set */
        public Builder required() {
            this.required = true;
            return this;
        }

        /** @return this builder, for an option whose value is a secret */
        public Builder secret() {
            this.secret = true;
            return this;
        }

        /**
         * @return this builder, for an option that decides where secret options are sent, such as
         *     a host name or a proxy
         */
        public Builder secretsDestination() {
            this.secretsDestination = true;
            return this;
        }

        /**
         * @param description one sentence for users
         * @return this builder
         */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /**
         * @param defaultValue the value used when the option is not set
         * @return this builder
         */
        public Builder defaultValue(String defaultValue) {
            this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
            return this;
        }

        /**
         * @param check checks a value's form
         * @return this builder
         */
        public Builder check(OptionCheck check) {
            this.check = Objects.requireNonNull(check, "check");
            return this;
        }

        /** @return the spec */
        public OptionSpec build() {
            return new OptionSpec(name, required, secret, description, Optional.ofNullable(defaultValue), check, secretsDestination);
        }
    }
}
