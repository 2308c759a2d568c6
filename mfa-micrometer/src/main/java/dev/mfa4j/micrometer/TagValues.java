package dev.mfa4j.micrometer;

import dev.mfa4j.api.Reason;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns event fields into tag values from small, fixed sets, so that a tag can never carry
 * something chosen by a user (a passcode typed where a keyword was expected) or grow without bound.
 */
final class TagValues {

    /** A provider type or factor keyword is short lower-case ASCII; anything else is {@value #OTHER}. */
    static final String OTHER = "other";
    /** The value when the event has none, such as the provider of a principal without MFA. */
    static final String NONE = "none";

    private static final int MAX_LENGTH = 24;

    private TagValues() {
    }

    static String provider(Optional<String> type) {
        return type.map(TagValues::word).orElse(NONE);
    }

    /**
     * @param factor {@code passcode}, a provider keyword ({@code push}, {@code phone}, {@code sms},
     *     {@code push2}...) or {@code invalid}, as mfa-core reports it
     */
    static String factor(String factor) {
        return word(factor);
    }

    static String reason(Optional<Reason> reason) {
        return reason.map(r -> r.name().toLowerCase(Locale.ROOT)).orElse(NONE);
    }

    static String allowed(boolean allowed) {
        return allowed ? "true" : "false";
    }

    /** Short lower-case letters and digits (and {@code _ -}) pass; digits only do not (a passcode). */
    private static String word(String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH || !Character.isLetter(value.charAt(0))) {
            return OTHER;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return OTHER;
            }
        }
        return value;
    }
}
