package dev.mfa4j.api.event;

/**
 * Receives audit events. Register one with the service builder, or list it in
 * {@code META-INF/services/dev.mfa4j.api.event.MfaEventListener} (and {@code provides} in
 * {@code module-info.java}) to have it found with {@link java.util.ServiceLoader}.
 *
 * <p>Called synchronously, on the thread that ends the verification or performs the management
 * operation, once per event; possibly concurrently for different events. Return quickly (hand the
 * event to your own queue if writing it is slow). An exception thrown here is logged and
 * otherwise ignored: it never changes a verification's result.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface MfaEventListener {

    /**
     * @param event what happened; never null
     */
    void onEvent(MfaEvent event);
}
