/** A third party's MFA provider: type {@code pin}, a fixed code per configuration. */
module com.example.mfa.pin {
    requires transitive dev.mfa4j.api;

    exports com.example.mfa.pin;

    provides dev.mfa4j.api.spi.MfaProvider with com.example.mfa.pin.PinProvider;
}
