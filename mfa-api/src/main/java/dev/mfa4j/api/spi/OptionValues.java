package dev.mfa4j.api.spi;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the common forms of option values, so every provider accepts the same spellings.
 *
 * @since 0.1.0
 */
public final class OptionValues {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private OptionValues() {
    }

    /**
     * Reads a duration written as a whole number and a unit ({@code 1500ms}, {@code 10s},
     * {@code 2m}, {@code 1h}) or in ISO-8601 ({@code PT10S}).
     *
     * @param value the option value
     * @return the duration, or empty if the value is not one, or is negative
     */
    public static Optional<Duration> parseDuration(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE_DURATION.matcher(trimmed);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            });
        }
        if (trimmed.startsWith("pt") || trimmed.startsWith("p")) {
            try {
                Duration d = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
                return d.isNegative() ? Optional.empty() : Optional.of(d);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * @param value {@code on}, {@code off}, {@code true} or {@code false}, in any case
     * @return the flag, or empty if the value is none of those
     */
    public static Optional<Boolean> parseOnOff(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "on", "true" -> Optional.of(Boolean.TRUE);
            case "off", "false" -> Optional.of(Boolean.FALSE);
            default -> Optional.empty();
        };
    }

    /**
     * @param duration a duration
     * @return it in the short form {@link #parseDuration(String)} reads, such as {@code 75s}
     */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
