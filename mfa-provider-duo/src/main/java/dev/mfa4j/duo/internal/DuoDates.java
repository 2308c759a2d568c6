package dev.mfa4j.duo.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The RFC 2822 date Duo signs, such as {@code Tue, 21 Aug 2012 17:29:18 -0000}: always UTC and
 * English names, whatever the JVM's default locale and time zone (Duo's Java client uses the
 * default zone; we do not).
 */
final class DuoDates {

    // Fixed pattern, English names, UTC: "-0000" as Duo's documentation and Python client write it.
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss '-0000'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** The last second formatted: the date changes once a second, requests come more often. */
    private record Formatted(long epochSecond, String text) {
    }

    private static volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

    /** The last date header read: every answer carries one, and it changes once a second. */
    private record Parsed(String text, Optional<Instant> instant) {
    }

    private static volatile Parsed lastParsed = new Parsed("", Optional.empty());

    private DuoDates() {
    }

    /**
     * @param clock the trusted clock
     * @return its current time in Duo's date form
     */
    static String now(Clock clock) {
        long second = clock.instant().getEpochSecond();
        Formatted cached = last;
        if (cached.epochSecond() != second) {
            cached = new Formatted(second, format(Instant.ofEpochSecond(second)));
            last = cached;
        }
        return cached.text();
    }

    /**
     * @param instant a time
     * @return it in Duo's date form
     */
    static String format(Instant instant) {
        return RFC_2822.format(instant);
    }

    /**
     * Reads an HTTP date header, for the clock-skew hint and for {@code Retry-After}.
     *
     * @param value the header value, or null
     * @return the time, or empty if absent or not an RFC 1123 date
     */
    static Optional<Instant> parseHttpDate(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Parsed cached = lastParsed;
        if (!cached.text().equals(value)) {
            cached = new Parsed(value, parse(value.strip()));
            lastParsed = cached;
        }
        return cached.instant();
    }

    private static Optional<Instant> parse(String value) {
        try {
            return Optional.of(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
