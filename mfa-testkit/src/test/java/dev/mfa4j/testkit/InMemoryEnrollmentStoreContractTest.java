package dev.mfa4j.testkit;

import dev.mfa4j.api.spi.EnrollmentStore;
import dev.mfa4j.core.InMemoryEnrollmentStore;

class InMemoryEnrollmentStoreContractTest extends EnrollmentStoreContract {

    @Override
    protected EnrollmentStore newStore() {
        return new InMemoryEnrollmentStore();
    }
}
