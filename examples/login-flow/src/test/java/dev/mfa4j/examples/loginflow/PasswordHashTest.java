package dev.mfa4j.examples.loginflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.InvalidPrincipalException;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void matchesOnlyItsPasswordAndSaltsEachHash() {
        PasswordHash hash = PasswordHash.of("s3cret".toCharArray(), 1_000);

        assertThat(hash.matches("s3cret".toCharArray())).isTrue();
        assertThat(hash.matches("s3cret ".toCharArray())).isFalse();
        assertThat(hash.matches(new char[0])).isFalse();
        assertThat(PasswordHash.of("s3cret".toCharArray(), 1_000)).isNotEqualTo(hash);
        assertThat(hash.toString()).doesNotContain("s3cret").contains("PBKDF2WithHmacSHA256");
    }

    @Test
    void theDirectoryRefusesUnknownUsersAndNamesThatAreNoPrincipal() {
        UserDirectory users = new UserDirectory(1_000);
        users.add("bob", "pw".toCharArray());

        assertThat(users.checkPassword("bob", "pw".toCharArray())).isTrue();
        assertThat(users.checkPassword("alice", "pw".toCharArray())).isFalse();
        assertThatThrownBy(() -> users.add("bob smith", "pw".toCharArray()))
                .isInstanceOf(InvalidPrincipalException.class);
    }
}
