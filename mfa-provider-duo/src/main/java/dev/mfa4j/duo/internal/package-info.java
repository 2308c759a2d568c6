/**
 * The duo provider's workings: request signing, the HTTP transport, response parsing and the
 * verification flows. Not exported; nothing here is API.
 */
package dev.mfa4j.duo.internal;
