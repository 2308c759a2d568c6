package dev.mfa4j.testkit;

import dev.mfa4j.api.spi.VerificationRequest;
import java.util.Map;

/**
 * The contract's opt-out for a provider with nothing to reach: with {@code canBeUnreachable()}
 * false, the unreachability check is skipped and never asks for unreachable options or requests.
 * Every other check still runs.
 */
class LocalOnlyProviderContractTest extends FakeProviderContractTest {

    @Override
    protected boolean canBeUnreachable() {
        return false;
    }

    @Override
    protected Map<String, String> unreachableOptions() {
        throw new AssertionError("unreachableOptions() is not called when canBeUnreachable() is false");
    }

    @Override
    protected VerificationRequest unreachableRequest() {
        throw new AssertionError("unreachableRequest() is not called when canBeUnreachable() is false");
    }
}
