/**
 * JUnit 5 (Jupiter) glue for the testkit: {@link dev.mfa4j.testkit.junit5.StartStop} starts and
 * stops a {@link dev.mfa4j.testkit.duo.DuoSimulator} held in a field or injected as a parameter.
 */
package dev.mfa4j.testkit.junit5;
