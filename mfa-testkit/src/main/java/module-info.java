/**
 * mfa4j's testkit: a Duo simulator on loopback, a scriptable fake provider, and contract tests
 * for store and provider authors.
 */
module dev.mfa4j.testkit {
    requires transitive dev.mfa4j.api;
    requires transitive dev.mfa4j.core;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.mfa4j.testkit;

    provides dev.mfa4j.api.spi.MfaProvider with dev.mfa4j.testkit.FakeMfaProvider;
}
