/**
 * An example MFA provider plugin: time-based one-time passwords (RFC 6238) as provider type
 * {@code example-totp}. It depends on mfa-api only; mfa-core finds it with {@link java.util.ServiceLoader}
 * because this jar is on the class path or the module path, and names it nowhere.
 */
module dev.mfa4j.examples.totp {
    // transitive: TotpProvider's public methods speak mfa-api's types (OptionSpec, MfaVerifier...).
    requires transitive dev.mfa4j.api;

    exports dev.mfa4j.examples.totp;

    provides dev.mfa4j.api.spi.MfaProvider with dev.mfa4j.examples.totp.TotpProvider;
}
