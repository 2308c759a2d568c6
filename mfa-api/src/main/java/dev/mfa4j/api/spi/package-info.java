/**
 * For provider and store authors: {@link dev.mfa4j.api.spi.MfaProvider} and
 * {@link dev.mfa4j.api.spi.MfaVerifier} to plug in an MFA provider,
 * {@link dev.mfa4j.api.spi.MfaConfigurationStore} to keep configurations in a host's own storage,
 * and {@link dev.mfa4j.api.spi.ManagementAuthorizer} to check management permissions.
 *
 * <p>These interfaces are public and stable under semantic versioning. The testkit's contract
 * tests check an implementation against their rules.
 */
package dev.mfa4j.api.spi;
