/**
 * A Duo Auth API v2 simulator on loopback: start a {@link dev.mfa4j.testkit.duo.DuoSimulator},
 * point the login flow under test at it, script what the user does with
 * {@link dev.mfa4j.testkit.duo.PushBehaviour}, break it with
 * {@link dev.mfa4j.testkit.duo.Fault}, and assert on
 * {@link dev.mfa4j.testkit.duo.RecordedDuoRequest}s. Nothing here depends on a test framework;
 * the JUnit 5 glue is in {@code dev.mfa4j.testkit.junit5}.
 */
package dev.mfa4j.testkit.duo;
