package dev.mfa4j.testkit.junit5.internal;

import dev.mfa4j.testkit.duo.DuoSimulator;
import dev.mfa4j.testkit.junit5.StartStop;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link StartStop}: starts simulators held in annotated fields (static
 * ones before all tests, instance ones before each) and resolves {@code DuoSimulator}
 * parameters. Each simulator it starts goes into JUnit's extension store, which closes it when
 * its scope ends. Stateless itself; JUnit may share one instance across threads.
 */
public final class StartStopExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(StartStopExtension.class);

    /** Public for JUnit's reflective instantiation. */
    public StartStopExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        for (Field field : fields(context.getRequiredTestClass(), f -> Modifier.isStatic(f.getModifiers()))) {
            startField(field, null, context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        // With PER_CLASS, the instance lives as long as the class: start its fields once, there.
        boolean perClass = context.getTestInstanceLifecycle()
                .map(lifecycle -> lifecycle == TestInstance.Lifecycle.PER_CLASS).orElse(false);
        ExtensionContext scope = perClass ? context.getParent().orElse(context) : context;
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field field : fields(instance.getClass(), f -> !Modifier.isStatic(f.getModifiers()))) {
                startField(field, instance, scope);
            }
        }
    }

    private static List<Field> fields(Class<?> type, Predicate<Field> which) {
        List<Field> fields = AnnotationSupport.findAnnotatedFields(type, StartStop.class, which);
        for (Field field : fields) {
            if (!DuoSimulator.class.isAssignableFrom(field.getType())) {
                throw new ExtensionConfigurationException("@StartStop field " + field.getName()
                        + " must be a DuoSimulator, not " + field.getType().getName());
            }
        }
        return fields;
    }

    private static void startField(Field field, Object instance, ExtensionContext scope) throws IllegalAccessException {
        ExtensionContext.Store store = scope.getStore(NAMESPACE);
        Object key = instance == null ? field : List.of(field, System.identityHashCode(instance));
        if (store.get(key) != null) {
            return;
        }
        field.setAccessible(true);
        DuoSimulator simulator = (DuoSimulator) field.get(instance);
        if (simulator == null) {
            if (Modifier.isFinal(field.getModifiers())) {
                throw new ExtensionConfigurationException("@StartStop field " + field.getName() + " is final and null");
            }
            simulator = DuoSimulator.builder().build();
            field.set(instance, simulator);
        }
        simulator.start();
        // JUnit closes AutoCloseable values in the store when the scope ends.
        store.put(key, simulator);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() != DuoSimulator.class) {
            return false;
        }
        return parameter.isAnnotated(StartStop.class) || annotatedFields(context).size() == 1;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.isAnnotated(StartStop.class)) {
            DuoSimulator simulator = DuoSimulator.builder().start();
            context.getStore(NAMESPACE).put(new Object(), simulator);
            return simulator;
        }
        Field field = annotatedFields(context).get(0);
        Object instance = Modifier.isStatic(field.getModifiers()) ? null
                : context.getTestInstance().orElseThrow(() -> new ParameterResolutionException(
                        "@StartStop field " + field.getName() + " is an instance field; no test instance here"));
        try {
            field.setAccessible(true);
            Object value = field.get(instance);
            if (value == null) {
                throw new ParameterResolutionException("@StartStop field " + field.getName() + " has not been started yet");
            }
            return value;
        } catch (IllegalAccessException e) {
            throw new ParameterResolutionException("cannot read @StartStop field " + field.getName(), e);
        }
    }

    private static List<Field> annotatedFields(ExtensionContext context) {
        return context.getTestClass()
                .map(type -> AnnotationSupport.findAnnotatedFields(type, StartStop.class, f -> true))
                .orElse(List.of());
    }
}
