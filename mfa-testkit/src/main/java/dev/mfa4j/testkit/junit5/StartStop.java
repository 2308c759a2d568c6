package dev.mfa4j.testkit.junit5;

import dev.mfa4j.testkit.junit5.internal.StartStopExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a {@link dev.mfa4j.testkit.duo.DuoSimulator} before tests and closes it after them.
 * No {@code @ExtendWith} is needed: the annotation registers its extension.
 *
 * <ul>
 *   <li>On a {@code static} field: started before all tests of the class, closed after them.</li>
 *   <li>On an instance field: started before each test, closed after it (once per class with
 *       {@code @TestInstance(PER_CLASS)}).</li>
 *   <li>A field left {@code null} (and not {@code final}) gets a default simulator: port 0, one
 *       random integration, no users.</li>
 *   <li>On a parameter of type {@code DuoSimulator} (test, lifecycle method or constructor): a
 *       fresh default simulator, started, closed when that method's (or class's) scope ends.</li>
 *   <li>A {@code DuoSimulator} parameter without the annotation receives the class's one
 *       {@code @StartStop} field.</li>
 * </ul>
 *
 * <pre>{@code
 * class LoginFlowTest {
 *     @StartStop
 *     static final DuoSimulator duo = DuoSimulator.builder()
 *             .user(DuoUser.builder("alice").smartphone().build())
 *             .build();
 *
 *     @Test
 *     void pushIsApproved() { ... duo.host() ... }
 * }
 * }</pre>
 *
 * <p>Fields are read and written reflectively: on the module path, open the test package to
 * {@code dev.mfa4j.testkit}.
 *
 * @since 0.1.0
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(StartStopExtension.class)
// The extension is internal on purpose (opened to JUnit, not exported), as OkHttp's StartStop.
@SuppressWarnings("exports")
public @interface StartStop {
}
