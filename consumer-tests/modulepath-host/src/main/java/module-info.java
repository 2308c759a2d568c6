/**
 * A host on the module path. It requires mfa-core (and the testkit, for its Duo simulator) and
 * names no provider: {@code dev.mfa4j.duo} and {@code com.example.mfa.pin} are resolved because
 * they provide a service mfa-core uses, and so is this module's listener.
 */
module com.example.host.modular {
    requires dev.mfa4j.core;
    requires dev.mfa4j.testkit;

    provides dev.mfa4j.api.event.MfaEventListener with com.example.host.modular.AuditListener;
}
