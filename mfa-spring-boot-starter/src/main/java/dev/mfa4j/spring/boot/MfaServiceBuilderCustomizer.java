package dev.mfa4j.spring.boot;

import dev.mfa4j.core.MfaService;

/**
 * Changes the {@link MfaService.Builder} after the auto-configuration has set it up from the
 * properties and beans, and before it builds the service: a clock, a callback executor, a
 * provider built by hand. Beans of this type are applied in their {@code @Order}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface MfaServiceBuilderCustomizer {

    /** @param builder the builder, with the store, policy, sealing, listeners and providers set */
    void customize(MfaService.Builder builder);
}
