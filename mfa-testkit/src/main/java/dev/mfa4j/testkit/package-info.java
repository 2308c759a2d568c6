/**
 * Test support for hosts and plugin authors: the fake provider and the contract tests.
 */
package dev.mfa4j.testkit;
