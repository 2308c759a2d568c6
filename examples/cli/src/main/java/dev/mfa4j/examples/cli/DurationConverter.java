package dev.mfa4j.examples.cli;

import dev.mfa4j.api.spi.OptionValues;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a duration option as configurations write them: {@code 500ms}, {@code 5s}, {@code 2m}, or ISO-8601. */
final class DurationConverter implements ITypeConverter<Duration> {

    /** The longest wait accepted: a login should not hang longer. */
    static final Duration MAX = Duration.ofMinutes(10);

    @Override
    public Duration convert(String value) {
        Duration duration = OptionValues.parseDuration(value).orElseThrow(() -> new TypeConversionException(
                "expected a duration such as 500ms, 5s or 2m"));
        if (duration.compareTo(MAX) > 0) {
            throw new TypeConversionException("must be at most " + OptionValues.format(MAX));
        }
        return duration;
    }
}
