package dev.mfa4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.VerificationResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The database going away fails verifications closed, and the service recovers when it returns. */
abstract class DatabaseGoesAwayTest {

    private static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");
    private static final String PASSCODE = "24681357";

    private TestDatabase database;
    private String prefix;
    private Node node;

    abstract TestDatabase database();

    @BeforeEach
    void start() {
        database = database();
        prefix = TestDatabase.freshPrefix();
        node = Node.on(database, prefix);
        node.service.configurations().json().create("""
                {"Type": "fake", "Name": "Main", "Options": {"Passcode": "24681357"}}""");
        node.service.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob@fake"));
    }

    @AfterEach
    void stop() {
        if (node == null) {
            return;
        }
        node.dataSource.comeBack();
        node.close();
        database.cleanUp(prefix);
    }

    @Test
    void aDatabaseGoneBeforeTheVerifyGivesStoreUnavailable() {
        node.dataSource.goAway();

        VerificationResult result = node.service.verify(BOB, PASSCODE);

        assertThat(result.allowed()).isFalse();
        assertThat(result.reason()).isEqualTo(Reason.STORE_UNAVAILABLE);
        assertThat(node.provider.requests()).isEmpty();
        assertThat(node.service.requiresMfa(BOB)).as("prompt anyway, then fail closed").isTrue();
    }

    @Test
    void aDatabaseGoneAfterTheLookupsBeforeTheAttemptCountGivesStoreUnavailable() {
        // The assignment is read with its configuration (one connection); counting the attempt and claiming the passcode
        // is next (one statement on PostgreSQL, two connections on H2).
        node.dataSource.goAwayAfter(1);

        VerificationResult result = node.service.verify(BOB, PASSCODE);

        assertThat(result.allowed()).isFalse();
        assertThat(result.reason()).isEqualTo(Reason.STORE_UNAVAILABLE);
        assertThat(node.provider.requests()).as("nothing uncounted reaches the provider").isEmpty();
    }

    @Test
    void theServiceRecoversWhenTheDatabaseReturns() {
        node.dataSource.goAway();
        assertThat(node.service.verify(BOB, PASSCODE).reason()).isEqualTo(Reason.STORE_UNAVAILABLE);
        assertThat(node.service.verify(BOB, PASSCODE).reason()).isEqualTo(Reason.STORE_UNAVAILABLE);

        node.dataSource.comeBack();

        assertThat(node.service.verify(BOB, PASSCODE).reason()).isEqualTo(Reason.APPROVED);
    }

    @Test
    void managementFailsWithAStoreExceptionThatQuotesNoValue() {
        node.dataSource.goAway();

        assertThatThrownBy(() -> node.service.configurations().json().create("""
                {"Type": "fake", "Name": "Other", "Options": {"Passcode": "97531864"}}"""))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("SQLState 08001")
                .hasMessageNotContaining("97531864")
                .hasMessageNotContaining("refused (test)");
    }
}
