package dev.mfa4j.core.internal;

import dev.mfa4j.api.MfaException;
import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.spi.WithheldMessage;
import java.util.function.Supplier;

/**
 * One call into a host's store, guarded: what the store throws that is not one of ours becomes a
 * {@link StoreException} naming the store and the operation (its own message withheld, as it may
 * quote data), and a null answer is refused.
 */
final class StoreCalls {

    private StoreCalls() {
    }

    /**
     * @param what the store, in words ("the MFA enrollment store")
     * @param store the host's store, named by its class
     * @param operation the method called
     * @param call the call
     * @param <T> what it answers
     * @return what it answered, never null
     * @throws StoreException if it threw or answered null
     */
    static <T> T guarded(String what, Object store, String operation, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (MfaException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException(what + " (" + store.getClass().getName() + ") failed in " + operation + " with "
                    + e.getClass().getName(), WithheldMessage.of(e));
        }
        if (result == null) {
            throw new StoreException(what + " (" + store.getClass().getName() + ") returned null from " + operation);
        }
        return result;
    }
}
