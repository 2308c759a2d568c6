package dev.mfa4j.testkit;

import dev.mfa4j.api.spi.EnrollmentStore;
import dev.mfa4j.core.FileEnrollmentStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileEnrollmentStoreContractTest extends EnrollmentStoreContract {

    @TempDir
    Path directory;

    @Override
    protected EnrollmentStore newStore() {
        return FileEnrollmentStore.open(directory.resolve("store.json.enrollments"));
    }
}
