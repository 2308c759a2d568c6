package dev.mfa4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.core.SealingKeys;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With sealing on, no table holds a secret option in plain text, and the sealed form still works. */
abstract class SealedRowsTest {

    private static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");
    private static final String CANARY = "73915264";

    private TestDatabase database;
    private String prefix;
    private Node node;

    abstract TestDatabase database();

    @BeforeEach
    void start() {
        database = database();
        prefix = TestDatabase.freshPrefix();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        node = Node.sealedOn(database, prefix, SealingKeys.current("k1", key));
    }

    @AfterEach
    void stop() {
        if (node == null) {
            return;
        }
        node.close();
        database.cleanUp(prefix);
    }

    @Test
    void noRowHoldsTheSecretInPlainText() throws Exception {
        node.service.configurations().json().create("""
                {"Type": "fake", "Name": "Main", "Options": {"Passcode": "73915264"}}""");
        node.service.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob@fake"));
        assertThat(node.service.verify(BOB, CANARY).reason()).isEqualTo(Reason.APPROVED);

        List<String> everyValue = new ArrayList<>();
        for (String table : List.of("configuration", "configuration_option", "assignment", "attempt", "used_passcode")) {
            everyValue.addAll(allValues(prefix + table));
        }

        assertThat(everyValue).isNotEmpty().noneMatch(value -> value.contains(CANARY));
        assertThat(allValues(prefix + "configuration_option")).anyMatch(value -> value.startsWith("mfa4j-sealed:v1:k1:"));
    }

    private List<String> allValues(String table) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.newDataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rows.getMetaData();
            while (rows.next()) {
                for (int column = 1; column <= meta.getColumnCount(); column++) {
                    values.add(String.valueOf(rows.getObject(column)));
                }
            }
        }
        return values;
    }
}
