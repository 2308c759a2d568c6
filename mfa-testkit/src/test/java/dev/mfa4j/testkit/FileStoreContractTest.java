package dev.mfa4j.testkit;

import dev.mfa4j.api.spi.MfaConfigurationStore;
import dev.mfa4j.core.FileMfaConfigurationStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileStoreContractTest extends MfaConfigurationStoreContract {

    @TempDir
    Path directory;

    @Override
    protected MfaConfigurationStore newStore() {
        return FileMfaConfigurationStore.open(directory.resolve("store.json"));
    }
}
