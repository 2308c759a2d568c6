package dev.mfa4j.testkit;

import dev.mfa4j.api.spi.AttemptStore;
import dev.mfa4j.core.InMemoryAttemptStore;

class InMemoryAttemptStoreContractTest extends AttemptStoreContract {

    @Override
    protected AttemptStore newStore() {
        return new InMemoryAttemptStore();
    }
}
