/**
 * mfa4j's API: what a host calls and receives ({@code dev.mfa4j.api}) and what provider and store
 * authors implement ({@code dev.mfa4j.api.spi}). It depends on the JDK only.
 */
module dev.mfa4j.api {
    exports dev.mfa4j.api;
    exports dev.mfa4j.api.spi;
    exports dev.mfa4j.api.event;
}
