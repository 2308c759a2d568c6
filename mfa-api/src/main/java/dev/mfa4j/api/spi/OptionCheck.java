package dev.mfa4j.api.spi;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks the form of one option value when a configuration is written.
 *
 * <p>The problem it returns is shown to whoever wrote the configuration, after the option's name:
 * say what was expected ({@code "expected DI followed by 18 upper-case letters or digits"}), and
 * never repeat the value, which may be a secret.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface OptionCheck {

    /**
     * @param value the option's value, never null
     * @return what is wrong with it, or empty if it is fine
     */
    Optional<String> problem(String value);

    /** @return a check that accepts any value, blank ones included */
    static OptionCheck any() {
        return value -> Optional.empty();
    }

    /** @return a check that accepts any value that is not blank */
    static OptionCheck notBlank() {
        return value -> value.isBlank() ? Optional.of("must not be blank") : Optional.empty();
    }

    /**
     * @param pattern the whole value must match it
     * @param expectation what a valid value looks like, such as
     *     {@code "DI followed by 18 upper-case letters or digits"}
     * @return a check that refuses values not matching {@code pattern}
     */
    static OptionCheck matching(Pattern pattern, String expectation) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(expectation, "expectation");
        return value -> pattern.matcher(value).matches() ? Optional.empty() : Optional.of("expected " + expectation);
    }

    /**
     * @param allowed the allowed values, matched without regard to case
     * @return a check that refuses any other value
     */
    static OptionCheck oneOf(String... allowed) {
        String[] copy = allowed.clone();
        String list = Arrays.stream(copy).collect(Collectors.joining(", "));
        return value -> Arrays.stream(copy).anyMatch(a -> a.equalsIgnoreCase(value))
                ? Optional.empty() : Optional.of("expected one of: " + list);
    }

    /**
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return a check that accepts decimal integers from {@code min} to {@code max}
     */
    static OptionCheck integerBetween(long min, long max) {
        return value -> {
            try {
                long parsed = Long.parseLong(value);
                if (parsed >= min && parsed <= max) {
                    return Optional.empty();
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            return Optional.of("expected a whole number from " + min + " to " + max);
        };
    }

    /**
     * @param min the shortest allowed duration
     * @param max the longest allowed duration
     * @return a check that accepts durations, as {@link OptionValues#parseDuration(String)} reads
     *     them, from {@code min} to {@code max}
     */
    static OptionCheck durationBetween(Duration min, Duration max) {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        String expectation = "expected a duration from " + OptionValues.format(min) + " to " + OptionValues.format(max)
                + ", such as 10s, 1500ms or 2m";
        return value -> OptionValues.parseDuration(value)
                .filter(d -> d.compareTo(min) >= 0 && d.compareTo(max) <= 0)
                .map(d -> Optional.<String>empty())
                .orElse(Optional.of(expectation));
    }

    /**
     * @return a check that accepts {@code on}, {@code off}, {@code true} and {@code false}, in any case
     */
    static OptionCheck onOff() {
        return value -> OptionValues.parseOnOff(value).isPresent()
                ? Optional.empty() : Optional.of("expected on or off");
    }

    /**
     * @param other a second check, applied when this one passes
     * @return a check that reports this check's problem, else {@code other}'s
     */
    default OptionCheck and(OptionCheck other) {
        Objects.requireNonNull(other, "other");
        return value -> {
            Optional<String> problem = problem(value);
            return problem.isPresent() ? problem : other.problem(value);
        };
    }
}
