package dev.mfa4j.testkit.duo.internal;

import dev.mfa4j.testkit.duo.DuoDevice;
import dev.mfa4j.testkit.duo.DuoUser;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SMS passcode batches {@code factor=sms} "sends", kept per user so that a test can read
 * what the phone received. Thread-safe.
 */
public final class SmsOutbox {

    private static final int BATCH = 10;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, List<String>> lastBatch = new ConcurrentHashMap<>();

    /** Makes a new batch of ten 7-digit passcodes for {@code user} and returns it. */
    public List<String> send(DuoUser user, DuoDevice device) {
        List<String> codes = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            codes.add(String.format("%07d", random.nextInt(10_000_000)));
        }
        lastBatch.put(user.username(), List.copyOf(codes));
        return codes;
    }

    /** The last batch sent to {@code username}; empty if none. */
    public List<String> lastBatch(String username) {
        return lastBatch.getOrDefault(username, List.of());
    }
}
