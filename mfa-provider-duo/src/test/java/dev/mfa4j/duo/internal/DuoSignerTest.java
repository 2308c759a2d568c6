package dev.mfa4j.duo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.Reason;
import dev.mfa4j.api.Secret;
import dev.mfa4j.testkit.ManualTicker;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The secret key lives in a {@link Secret} until the verifier closes, then is destroyed. */
class DuoSignerTest {

    private final ExecutorService executor = Fixtures.executor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void destroyingTheSignerDestroysTheKeyAndSigningThenFails() {
        Secret key = Secret.of(Fixtures.SKEY);
        DuoSigner signer = new DuoSigner(Fixtures.IKEY, key, HmacAlgorithm.HMAC_SHA512);
        String before = signer.signature("canonical");

        signer.destroy();

        assertThat(before).hasSize(128);
        assertThat(key.isDestroyed()).isTrue();
        assertThatThrownBy(() -> signer.signature("canonical")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("destroyed");
    }

    @Test
    void aClosedVerifierHasDestroyedItsKeyAndSendsNothing() {
        DuoSettings settings = DuoSettings.from(Fixtures.config("api-12345678.duosecurity.com"));
        HeldClient client = new HeldClient();
        ManualTicker ticker = new ManualTicker();
        DuoVerifier verifier = new DuoVerifier(settings, Fixtures.tuning(executor, Clock.systemUTC(), ticker), null,
                new TickerTimer(ticker, executor), client);

        verifier.close();

        assertThat(settings.secretKey().isDestroyed()).isTrue();
        assertThat(settings.toString()).doesNotContain(Fixtures.SKEY);
        assertThat(verifier.verify(Fixtures.passcode("123456")).join().reason()).isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(client.sent()).isZero();
    }
}
