package dev.mfa4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void neverPrintsItself() {
        Secret secret = Secret.of("Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep");

        assertThat(secret.toString()).isEqualTo("******");
        assertThat(String.valueOf(secret)).doesNotContain("Zh5e");
        assertThat(secret.length()).isEqualTo(40);
    }

    @Test
    void givesCopiesAndComparesByValue() {
        Secret secret = Secret.of("s\u00e9cret");
        char[] chars = secret.chars();
        chars[0] = 'X';

        assertThat(new String(secret.utf8(), StandardCharsets.UTF_8)).isEqualTo("s\u00e9cret");
        assertThat(secret).isEqualTo(Secret.of("s\u00e9cret")).isNotEqualTo(Secret.of("other"));
    }

    @Test
    void destroyOverwritesAndLaterReadsFail() {
        Secret secret = Secret.of("abc");

        secret.destroy();

        assertThat(secret.isDestroyed()).isTrue();
        assertThatThrownBy(secret::utf8).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(secret::chars).isInstanceOf(IllegalStateException.class);
        assertThat(secret).isNotEqualTo(Secret.of("abc"));
    }
}
