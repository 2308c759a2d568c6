package dev.mfa4j.api;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A configuration that cannot be accepted: malformed JSON, a missing or blank field, an option
 * the provider does not know or whose value has the wrong form. Every problem found is reported
 * at once, so a user can fix a file in one go. Nothing was stored when this is thrown.
 *
 * @since 0.1.0
 */
public class InvalidConfigurationException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /** One problem with one field. */
    public record Violation(String field, String problem) {
        /**
         * @param field the field at fault, such as {@code "Name"} or {@code "Options.Host"}
         * @param problem what is wrong and what was expected; never a secret value
         */
        public Violation {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(problem, "problem");
        }

        @Override
        public String toString() {
            return field + ": " + problem;
        }
    }

    private final transient List<Violation> violations;

    /**
     * @param field the field at fault
     * @param problem what is wrong with it
     */
    public InvalidConfigurationException(String field, String problem) {
        this(List.of(new Violation(field, problem)));
    }

    /**
     * @param violations every problem found, at least one
     */
    public InvalidConfigurationException(List<Violation> violations) {
        super(message(violations), violations.get(0).field(), violations.get(0).problem());
        this.violations = List.copyOf(violations);
    }

    private static String message(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an InvalidConfigurationException needs at least one violation");
        }
        if (violations.size() == 1) {
            return "invalid configuration: " + violations.get(0);
        }
        return "invalid configuration (" + violations.size() + " problems): "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }

    /** @return every problem found, in the order the fields were checked; never empty */
    public List<Violation> violations() {
        return violations;
    }
}
