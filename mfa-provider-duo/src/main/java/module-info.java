/**
 * The {@code duo} MFA provider: Duo's Auth API v2 over {@code java.net.http}.
 */
module dev.mfa4j.duo {
    requires transitive dev.mfa4j.api;
    requires java.net.http;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.mfa4j.duo;

    provides dev.mfa4j.api.spi.MfaProvider with dev.mfa4j.duo.DuoProvider;
}
