/**
 * A minimal host application in plain Java that embeds mfa4j in its login: a password check
 * against its own user table, then {@link dev.mfa4j.core.MfaService#verifyAsync} for users with
 * MFA, with a management authorizer and an audit log. Start with {@link dev.mfa4j.examples.loginflow.LoginService}.
 */
package dev.mfa4j.examples.loginflow;
