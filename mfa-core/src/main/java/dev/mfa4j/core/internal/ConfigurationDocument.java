package dev.mfa4j.core.internal;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A configuration as a user wrote it in JSON, before the provider's rules are applied: each
 * field may be missing, and option keys keep the user's spelling.
 *
 * @param name the {@code Name} field, if given
 * @param type the {@code Type} field, if given
 * @param options the {@code Options} field, if given; keys as written, values as strings
 * @param revision the {@code Revision} field, if given: an update then applies only to that revision
 */
public record ConfigurationDocument(Optional<String> name, Optional<String> type, Optional<Map<String, String>> options,
        OptionalLong revision) {
}
