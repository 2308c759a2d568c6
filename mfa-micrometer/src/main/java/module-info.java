/**
 * Micrometer meters and observations for mfa4j: {@link dev.mfa4j.micrometer.MfaMetrics}.
 */
module dev.mfa4j.micrometer {
    requires transitive dev.mfa4j.api;
    requires transitive micrometer.core;
    requires transitive micrometer.observation;
    requires micrometer.commons;

    exports dev.mfa4j.micrometer;
}
