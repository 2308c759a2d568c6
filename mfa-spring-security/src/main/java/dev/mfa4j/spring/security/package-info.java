/**
 * The mfa4j second factor in a Spring Security 7 filter chain. After any primary login, a
 * principal with MFA is sent to the step ({@link dev.mfa4j.spring.security.MfaStepConfigurer})
 * before anything else; a verified passcode or push adds the
 * {@link dev.mfa4j.spring.security.MfaFactor#AUTHORITY} factor, which Spring Security's
 * multi-factor rules can also require, with a valid duration for step-up. See docs/spring.md.
 */
package dev.mfa4j.spring.security;
