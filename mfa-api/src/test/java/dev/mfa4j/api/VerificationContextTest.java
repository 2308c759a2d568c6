package dev.mfa4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerificationContextTest {

    @Test
    void defaultsToAGeneratedRequestIdAndNoListener() {
        VerificationContext a = VerificationContext.empty();
        VerificationContext b = VerificationContext.empty();

        assertThat(a.requestId()).isNotEqualTo(b.requestId()).hasSize(36);
        assertThat(a.clientIp()).isEmpty();
        assertThat(a.applicationName()).isEmpty();
        assertThat(a.progressListener()).isSameAs(ProgressListener.NONE);
    }

    @Test
    void generatedRequestIdsAreNeverTheSameTwiceAcrossThreads() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 25_000; i++) {
                        String id = VerificationContext.empty().requestId();
                        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
                        seen.add(id);
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(100_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.7", "10.0.0.1", "2001:db8::7", "::1", "::ffff:192.0.2.1"})
    void acceptsIpLiterals(String ip) {
        assertThat(VerificationContext.builder().clientIp(ip).build().clientIp()).contains(ip);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "256.1.1.1", "1.2.3", "01.2.3.4", "2001:db8:::7", "fe80::1%eth0", "1.2.3.4\n"})
    void refusesAnythingButIpLiteralsAndNeverLooksUpNames(String ip) {
        assertThatThrownBy(() -> VerificationContext.builder().clientIp(ip).build())
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("clientIp"));
    }

    @Test
    void checksTheRequestIdAndApplicationName() {
        assertThatThrownBy(() -> VerificationContext.builder().requestId("a b").build())
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("requestId");
        assertThatThrownBy(() -> VerificationContext.builder().applicationName("line\nbreak").build())
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("applicationName");
        assertThat(VerificationContext.builder().requestId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").build().requestId())
                .startsWith("00-");
    }

    @Test
    void carriesTheListener() {
        List<VerificationProgress> seen = new ArrayList<>();
        VerificationContext context = VerificationContext.builder().progressListener(seen::add).build();

        context.progressListener().onProgress(new VerificationProgress.VerificationCode("708"));

        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).toString()).doesNotContain("708");
    }
}
