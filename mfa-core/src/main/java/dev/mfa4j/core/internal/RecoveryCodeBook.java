package dev.mfa4j.core.internal;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.spi.EnrollmentData;
import dev.mfa4j.core.RecoveryCodePolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes and checks a principal's recovery codes. A code is 16 characters of Crockford's Base32
 * ({@link Credential#RECOVERY_CODE_ALPHABET}, 80 random bits), with at least one letter so it can
 * never be read as a passcode. Its first four characters are its lookup id: they name its entry,
 * {@code C_<lookup id>}, so a check hashes one candidate rather than every code. The entry holds
 * the Argon2id hash of the whole code; the code itself is kept nowhere.
 *
 * <p>Thread safe.
 */
public final class RecoveryCodeBook {

    /** The value that says when the set was generated. */
    static final String GENERATED = "Generated";
    private static final String ENTRY = "C_";
    private static final int LOOKUP_LENGTH = 4;

    private final RecoveryCodePolicy policy;
    private final Argon2idHash argon2;

    /** A new set: the codes to show once, and what to keep. */
    public record NewSet(List<String> shown, EnrollmentData kept) {
    }

    /** @param policy how many codes, and the Argon2id parameters */
    public RecoveryCodeBook(RecoveryCodePolicy policy) {
        this.policy = policy;
        this.argon2 = new Argon2idHash(policy.memoryKiB(), policy.iterations(), policy.parallelism());
    }

    /**
     * @param now when the set is generated
     * @return a new set
     */
    public NewSet generate(Instant now) {
        Map<String, String> kept = new LinkedHashMap<>();
        kept.put(GENERATED, now.toString());
        Set<String> secrets = new LinkedHashSet<>();
        List<String> shown = new ArrayList<>();
        while (shown.size() < policy.count()) {
            String code = randomCode();
            String entry = ENTRY + code.substring(0, LOOKUP_LENGTH);
            if (kept.containsKey(entry)) {
                continue;   // one lookup id per code in a set
            }
            kept.put(entry, argon2.hash(code));
            secrets.add(entry);
            shown.add(code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8, 12) + "-" + code.substring(12));
        }
        return new NewSet(shown, new EnrollmentData(kept, secrets));
    }

    /**
     * Checks a typed code against a set, spending one Argon2id check whether or not its lookup id
     * names an entry, so that time tells nothing.
     *
     * @param typed the code as typed
     * @param set the set, hashes opened
     * @return the entry it matches, to remove; empty if none
     */
    public Optional<String> match(Credential.RecoveryCode typed, EnrollmentData set) {
        String entry = ENTRY + typed.characters().substring(0, LOOKUP_LENGTH);
        String hash = set.values().get(entry);
        if (hash == null) {
            argon2.spendACheck(typed.characters());
            return Optional.empty();
        }
        return Argon2idHash.matches(typed.characters(), hash) ? Optional.of(entry) : Optional.empty();
    }

    /**
     * @param set a set
     * @return how many codes are left in it
     */
    public static int remaining(EnrollmentData set) {
        return (int) set.values().keySet().stream().filter(key -> key.startsWith(ENTRY)).count();
    }

    /**
     * @param set a set
     * @return when it was generated, if it says
     */
    public static Optional<Instant> generated(EnrollmentData set) {
        try {
            return Optional.ofNullable(set.values().get(GENERATED)).map(Instant::parse);
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * @param set a set
     * @param entry an entry a code matched
     * @return the set without it
     */
    public static EnrollmentData without(EnrollmentData set, String entry) {
        Map<String, String> values = new LinkedHashMap<>(set.values());
        values.remove(entry);
        Set<String> secrets = new LinkedHashSet<>(set.secrets());
        secrets.remove(entry);
        return new EnrollmentData(values, secrets);
    }

    private static String randomCode() {
        while (true) {
            StringBuilder code = new StringBuilder(Credential.RECOVERY_CODE_LENGTH);
            boolean letter = false;
            for (int i = 0; i < Credential.RECOVERY_CODE_LENGTH; i++) {
                char c = Credential.RECOVERY_CODE_ALPHABET.charAt(Randomness.secure().nextInt(Credential.RECOVERY_CODE_ALPHABET.length()));
                letter |= c > '9';
                code.append(c);
            }
            if (letter) {
                return code.toString();
            }
        }
    }
}
