package dev.mfa4j.core.internal;

import dev.mfa4j.api.event.MfaEvent;
import dev.mfa4j.api.event.MfaEventListener;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands each audit event to every listener; a listener that throws is logged and skipped. */
public final class EventDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
    private static final int MAX_SERVICE_ENTRIES = 1000;

    private final List<MfaEventListener> listeners;

    private EventDispatcher(List<MfaEventListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /**
     * @param explicit listeners registered with the builder
     * @param discover whether to add those found with {@link ServiceLoader}
     * @param classLoader where to look; null for the thread's context class loader
     * @return the dispatcher
     */
    public static EventDispatcher load(List<MfaEventListener> explicit, boolean discover, ClassLoader classLoader) {
        List<MfaEventListener> all = new ArrayList<>(explicit);
        if (discover) {
            Iterator<MfaEventListener> found = discovered(classLoader);
            for (int entry = 0; found != null && entry < MAX_SERVICE_ENTRIES; entry++) {
                try {
                    if (!found.hasNext()) {
                        break;
                    }
                    all.add(found.next());
                } catch (ServiceConfigurationError e) {
                    LOG.warn("MFA-CORE-031 An MFA event listener failed to load and is skipped: {}", e.getMessage());
                }
            }
        }
        return new EventDispatcher(all);
    }

    /**
     * ServiceLoader.load itself throws when the caller's module may not use the service, so it is
     * inside the handler too: discovery that cannot start leaves the builder's listeners, not a
     * failed build.
     */
    private static Iterator<MfaEventListener> discovered(ClassLoader classLoader) {
        try {
            ServiceLoader<MfaEventListener> loader = classLoader == null
                    ? ServiceLoader.load(MfaEventListener.class)
                    : ServiceLoader.load(MfaEventListener.class, classLoader);
            return loader.iterator();
        } catch (ServiceConfigurationError e) {
            LOG.warn("MFA-CORE-032 MFA event listeners cannot be looked up, none is loaded: {}", e.getMessage());
            return null;
        }
    }

    /** @return whether any listener is registered; without one, callers need not build events */
    public boolean hasListeners() {
        return !listeners.isEmpty();
    }

    /**
     * @param event the event to hand out
     */
    public void publish(MfaEvent event) {
        for (MfaEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("MFA-CORE-030 MFA event listener {} threw {}; ignored", listener.getClass().getName(), e.getClass().getName());
            }
        }
    }
}
