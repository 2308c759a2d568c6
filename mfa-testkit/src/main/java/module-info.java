/**
 * mfa4j's testkit: a Duo simulator on loopback, an authenticator app for TOTP, a scriptable fake
 * provider, and contract tests for store and provider authors.
 */
module dev.mfa4j.testkit {
    requires transitive dev.mfa4j.api;
    requires transitive dev.mfa4j.core;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    // The Duo simulator: the JDK's HTTPS server, and Bouncy Castle for its certificate.
    requires jdk.httpserver;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;

    exports dev.mfa4j.testkit;
    exports dev.mfa4j.testkit.duo;
    exports dev.mfa4j.testkit.junit5;
    exports dev.mfa4j.testkit.totp;
    // JUnit instantiates the extension reflectively; nothing else may see it.
    opens dev.mfa4j.testkit.junit5.internal to org.junit.platform.commons;

    provides dev.mfa4j.api.spi.MfaProvider with dev.mfa4j.testkit.FakeMfaProvider;
}
