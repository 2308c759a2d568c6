package dev.mfa4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The table prefix is the one text that reaches SQL unparameterized: only safe forms are accepted. */
class TablePrefixTest {

    @ParameterizedTest
    @ValueSource(strings = {"mfa_", "a", "tenant1_mfa_", "x23456789012345678901"})
    void wellFormedPrefixesAreUsed(String prefix) {
        JdbcMfaConfigurationStore store = JdbcMfaConfigurationStore.builder(new H2Database().newDataSource()).tablePrefix(prefix).build();

        assertThat(store.tablePrefix()).isEqualTo(prefix);
        assertThat(store.listConfigurations()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Mfa_", "1mfa", "_mfa", "mfa-", "mfa.", "mfa_;drop table x", "mfa_ ", "mfa\"", "x234567890123456789012",
            "mfa_\u0430"})
    void anythingElseIsRefusedBeforeTheDatabaseIsTouched(String prefix) {
        SwitchableDataSource neverUsed = new SwitchableDataSource(new H2Database().newDataSource());
        neverUsed.goAway();

        assertThatThrownBy(() -> JdbcAttemptStore.builder(neverUsed).tablePrefix(prefix).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower-case letter");
    }
}
