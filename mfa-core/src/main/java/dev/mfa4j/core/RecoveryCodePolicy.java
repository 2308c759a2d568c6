package dev.mfa4j.core;

/**
 * How many recovery codes a principal gets, and how hard each is to guess from its stored hash.
 *
 * <p>Only an Argon2id hash of each code is kept. The defaults are OWASP's Password Storage Cheat
 * Sheet's second Argon2id choice (19 MiB of memory, 2 passes, 1 lane), which costs tens of
 * milliseconds per check on a small server: little for one login, a lot for someone who stole the
 * hashes and tries codes offline. Weaker settings than OWASP's are refused (memory times passes at
 * least 36 MiB, and at least 7 MiB of memory).
 *
 * @param count how many codes a set has: 1 to 50; default 10
 * @param memoryKiB Argon2id's memory, in KiB; default 19,456
 * @param iterations Argon2id's passes; default 2
 * @param parallelism Argon2id's lanes: 1 to 16; default 1
 * @since 0.1.0
 */
public record RecoveryCodePolicy(int count, int memoryKiB, int iterations, int parallelism) {

    /** The fewest KiB of memory accepted, after OWASP's weakest Argon2id choice (7 MiB, 5 passes). */
    public static final int MIN_MEMORY_KIB = 7 * 1024;
    /** The least memory times passes, in KiB, after OWASP's equal-strength Argon2id choices. */
    public static final long MIN_MEMORY_TIMES_ITERATIONS = 36 * 1024;

    /**
     * @param count how many codes a set has: 1 to 50
     * @param memoryKiB Argon2id's memory, in KiB: {@value #MIN_MEMORY_KIB} to 1,048,576
     * @param iterations Argon2id's passes: 1 to 20
     * @param parallelism Argon2id's lanes: 1 to 16
     * @throws IllegalArgumentException if a component is out of its range, or memory times passes
     *     is below {@value #MIN_MEMORY_TIMES_ITERATIONS}
     */
    public RecoveryCodePolicy {
        if (count < 1 || count > 50) {
            throw new IllegalArgumentException("count must be 1 to 50");
        }
        if (parallelism < 1 || parallelism > 16) {
            throw new IllegalArgumentException("parallelism must be 1 to 16");
        }
        if (iterations < 1 || iterations > 20) {
            throw new IllegalArgumentException("iterations must be 1 to 20");
        }
        if (memoryKiB < MIN_MEMORY_KIB || memoryKiB > 1024 * 1024) {
            throw new IllegalArgumentException("memoryKiB must be " + MIN_MEMORY_KIB + " to 1048576");
        }
        if ((long) memoryKiB * iterations < MIN_MEMORY_TIMES_ITERATIONS) {
            throw new IllegalArgumentException("memoryKiB times iterations must be at least " + MIN_MEMORY_TIMES_ITERATIONS
                    + " (OWASP's minimum for Argon2id)");
        }
    }

    /** @return 10 codes; Argon2id with 19,456 KiB, 2 passes, 1 lane */
    public static RecoveryCodePolicy defaults() {
        return new RecoveryCodePolicy(10, 19_456, 2, 1);
    }

    /**
     * @param newCount how many codes a set has
     * @return a copy with that count
     */
    public RecoveryCodePolicy withCount(int newCount) {
        return new RecoveryCodePolicy(newCount, memoryKiB, iterations, parallelism);
    }

    @Override
    public String toString() {
        return "RecoveryCodePolicy[count=" + count + ", argon2id m=" + memoryKiB + " KiB, t=" + iterations + ", p=" + parallelism + "]";
    }
}
