package dev.mfa4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.StoreException;
import dev.mfa4j.store.jdbc.internal.Jdbc;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Database messages can quote row values (PostgreSQL: {@code Key (name)=(...) already exists}), so
 * a store failure names the operation and the SQLState, and its causes keep classes and stacks only.
 */
class StoreExceptionMessagesTest {

    private static final String CANARY = "Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep";

    @Test
    void noDriverMessageReachesTheStoreExceptionOrItsCauses() {
        SQLException driver = new SQLException("ERROR: value too long: (" + CANARY + ")", "22001", 0,
                new IllegalStateException("detail " + CANARY));

        StoreException failure = new Jdbc(new H2Database().newDataSource(), "the test store").failure("createConfiguration", driver);

        assertThat(failure.getMessage()).contains("createConfiguration", "SQLState 22001", SQLException.class.getName())
                .doesNotContain(CANARY);
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            assertThat(t.getStackTrace()).isNotEmpty();
        }
        assertThat(messages).hasSize(3).noneMatch(m -> m.contains(CANARY));
        assertThat(messages.get(2)).contains(IllegalStateException.class.getName());
    }
}
