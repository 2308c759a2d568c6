package dev.mfa4j.micrometer;

import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.VerificationProgress;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.OptionSpec;
import dev.mfa4j.api.spi.VerificationOutcome;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/** Type {@code holding}: a push reaches the "device" at once and waits until the test answers it. */
final class HoldingPushProvider implements MfaProvider {

    final LinkedBlockingQueue<CompletableFuture<VerificationOutcome>> waiting = new LinkedBlockingQueue<>();

    @Override
    public int spiVersion() {
        return 1;
    }

    @Override
    public String type() {
        return "holding";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of();
    }

    @Override
    public Set<String> keywords() {
        return Set.of("push");
    }

    @Override
    public MfaVerifier open(MfaConfiguration configuration) {
        return request -> {
            CompletableFuture<VerificationOutcome> answer = new CompletableFuture<>();
            request.context().progressListener().onProgress(new VerificationProgress.ChallengeSent("push", "sent to the test"));
            waiting.add(answer);
            return answer;
        };
    }
}
