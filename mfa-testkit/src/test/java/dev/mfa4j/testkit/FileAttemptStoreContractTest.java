package dev.mfa4j.testkit;

import dev.mfa4j.api.spi.AttemptStore;
import dev.mfa4j.core.FileAttemptStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The file attempt store; the second node is another store object on the same file, as another process would open it. */
class FileAttemptStoreContractTest extends AttemptStoreContract {

    @TempDir
    Path directory;

    @Override
    protected AttemptStore newStore() {
        return FileAttemptStore.open(directory.resolve("store.json.attempts"));
    }

    @Override
    protected AttemptStore secondNodeView() {
        return FileAttemptStore.open(directory.resolve("store.json.attempts"));
    }
}
