/**
 * mfa4j's engine: {@link dev.mfa4j.core.MfaService}, which finds providers, manages
 * configurations and assignments in a host's store, and verifies logins.
 */
module dev.mfa4j.core {
    requires transitive dev.mfa4j.api;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires org.bouncycastle.provider;

    exports dev.mfa4j.core;

    // Every service mfa-core looks up with ServiceLoader; ModuleDescriptorsTest checks this list
    // against the ServiceLoader calls in the code.
    uses dev.mfa4j.api.spi.MfaProvider;
    uses dev.mfa4j.api.event.MfaEventListener;
}
