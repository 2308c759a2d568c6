package dev.mfa4j.testkit;

import dev.mfa4j.api.spi.MfaConfigurationStore;
import dev.mfa4j.core.InMemoryMfaConfigurationStore;

class InMemoryStoreContractTest extends MfaConfigurationStoreContract {

    @Override
    protected MfaConfigurationStore newStore() {
        return new InMemoryMfaConfigurationStore();
    }
}
