package dev.mfa4j.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code mfa4j.*} properties. Every one has a default; an application with none gets an
 * in-memory store (and a warning that it is not for production), the default attempt policy and
 * no sealing.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("mfa4j")
public class MfaProperties {

    /** The defaults. */
    public MfaProperties() {
    }

    private final Store store = new Store();
    private final Attempts attempts = new Attempts();
    private final Sealing sealing = new Sealing();
    private final Health health = new Health();
    /**
     * A safety net for a passcode whose provider never answers: past it, the verification ends
     * as PROVIDER_UNAVAILABLE. Between 1 second and 1 hour.
     */
    private Duration maxVerificationTime = Duration.ofMinutes(10);
    /**
     * A key (at least 32 bytes, base64) mixed into the fingerprints under which accepted passcodes
     * are remembered, so that whoever reads the attempt store and the configuration store cannot
     * recover them. Every node sharing an attempt store needs the same one. From the environment:
     * MFA4J_FINGERPRINT_KEY.
     */
    private String fingerprintKey;

    /** @return where configurations, assignments and attempt counts live */
    public Store getStore() {
        return store;
    }

    /** @return the attempt policy */
    public Attempts getAttempts() {
        return attempts;
    }

    /** @return the sealing keys */
    public Sealing getSealing() {
        return sealing;
    }

    /** @return the health indicator's settings */
    public Health getHealth() {
        return health;
    }

    /** @return the safety net for a passcode whose provider never answers */
    public Duration getMaxVerificationTime() {
        return maxVerificationTime;
    }

    /** @param maxVerificationTime the safety net */
    public void setMaxVerificationTime(Duration maxVerificationTime) {
        this.maxVerificationTime = maxVerificationTime;
    }

    /** @return the passcode fingerprint key (base64), or null */
    public String getFingerprintKey() {
        return fingerprintKey;
    }

    /** @param fingerprintKey the passcode fingerprint key (base64) */
    public void setFingerprintKey(String fingerprintKey) {
        this.fingerprintKey = fingerprintKey;
    }

    /** Which store: chosen from what the application has, unless named. */
    public enum StoreType {
        /** A DataSource bean (with mfa-store-jdbc present): JDBC; else a store file if one is set: file; else memory. */
        AUTO,
        /** In memory: lost on restart, not shared between nodes. For tests and demos. */
        MEMORY,
        /** One JSON file and its attempt file beside it; needs {@code mfa4j.store.file}. */
        FILE,
        /** The application's DataSource, through mfa-store-jdbc. */
        JDBC
    }

    /** Where configurations, assignments and attempt counts live. */
    public static class Store {

        /** The defaults. */
        public Store() {
        }
        /** Which store; by default chosen from what the application has. */
        private StoreType type = StoreType.AUTO;
        /** The store file (mfa4j-store/1 JSON); failed attempts are counted in FILE.attempts beside it. */
        private Path file;
        private final Jdbc jdbc = new Jdbc();

        /** @return which store */
        public StoreType getType() {
            return type;
        }

        /** @param type which store */
        public void setType(StoreType type) {
            this.type = type;
        }

        /** @return the store file, or null */
        public Path getFile() {
            return file;
        }

        /** @param file the store file */
        public void setFile(Path file) {
            this.file = file;
        }

        /** @return the JDBC store's settings */
        public Jdbc getJdbc() {
            return jdbc;
        }
    }

    /** The JDBC stores' settings. */
    public static class Jdbc {

        /** The defaults. */
        public Jdbc() {
        }
        /** Put before every table name: a lower-case letter, then up to 20 of a-z 0-9 _. */
        private String tablePrefix = "mfa_";
        /**
         * Create or upgrade the tables at start-up. False only checks that they are at the
         * version this jar needs (for a database user that may not change the schema).
         */
        private boolean migrate = true;
        /**
         * Turns on the lookup cache: a principal's assignment, with its configuration, is answered
         * from memory, and this is how often the node checks whether another node changed
         * anything (0, the default: no cache; at most 1 hour). A change made through another node
         * is seen here at most this long after its commit; see docs/stores.md, "The lookup cache".
         */
        private Duration lookupCache = Duration.ZERO;

        /** @return the table prefix */
        public String getTablePrefix() {
            return tablePrefix;
        }

        /** @param tablePrefix the table prefix */
        public void setTablePrefix(String tablePrefix) {
            this.tablePrefix = tablePrefix;
        }

        /** @return whether to create or upgrade the tables */
        public boolean isMigrate() {
            return migrate;
        }

        /** @param migrate whether to create or upgrade the tables */
        public void setMigrate(boolean migrate) {
            this.migrate = migrate;
        }

        /** @return the lookup cache's check interval, how long another node's change may go unseen; zero for no cache */
        public Duration getLookupCache() {
            return lookupCache;
        }

        /** @param lookupCache the lookup cache's check interval, how long another node's change may go unseen; zero for no cache */
        public void setLookupCache(Duration lookupCache) {
            this.lookupCache = lookupCache;
        }
    }

    /** The attempt policy: applied before any provider is called. */
    public static class Attempts {

        /** The defaults. */
        public Attempts() {
        }
        /** Consecutive failed verifications before the lockout, 1 to 100. */
        private int maxFailures = 5;
        /** How long the lockout lasts, 1 second to 24 hours. */
        private Duration coolDown = Duration.ofMinutes(15);
        /** Pushes (and calls, SMS) per push window, 1 to 100. */
        private int maxPushes = 3;
        /** The push window, 1 second to 24 hours. */
        private Duration pushWindow = Duration.ofMinutes(5);
        /** How long a push waits for its answer, 1 second to 10 minutes. */
        private Duration pushTtl = Duration.ofMinutes(5);
        /** How long an accepted passcode is remembered and refused, 1 minute to 24 hours. */
        private Duration passcodeReuseWindow = Duration.ofMinutes(10);

        /** @return consecutive failures before the lockout */
        public int getMaxFailures() {
            return maxFailures;
        }

        /** @param maxFailures consecutive failures before the lockout */
        public void setMaxFailures(int maxFailures) {
            this.maxFailures = maxFailures;
        }

        /** @return how long the lockout lasts */
        public Duration getCoolDown() {
            return coolDown;
        }

        /** @param coolDown how long the lockout lasts */
        public void setCoolDown(Duration coolDown) {
            this.coolDown = coolDown;
        }

        /** @return pushes per window */
        public int getMaxPushes() {
            return maxPushes;
        }

        /** @param maxPushes pushes per window */
        public void setMaxPushes(int maxPushes) {
            this.maxPushes = maxPushes;
        }

        /** @return the push window */
        public Duration getPushWindow() {
            return pushWindow;
        }

        /** @param pushWindow the push window */
        public void setPushWindow(Duration pushWindow) {
            this.pushWindow = pushWindow;
        }

        /** @return how long a push waits */
        public Duration getPushTtl() {
            return pushTtl;
        }

        /** @param pushTtl how long a push waits */
        public void setPushTtl(Duration pushTtl) {
            this.pushTtl = pushTtl;
        }

        /** @return how long an accepted passcode is refused */
        public Duration getPasscodeReuseWindow() {
            return passcodeReuseWindow;
        }

        /** @param passcodeReuseWindow how long an accepted passcode is refused */
        public void setPasscodeReuseWindow(Duration passcodeReuseWindow) {
            this.passcodeReuseWindow = passcodeReuseWindow;
        }
    }

    /**
     * Sealing keys for secret options (AES-256-GCM). The first key seals; the others only open
     * values sealed before a rotation. From the environment:
     * {@code MFA4J_SEALING_KEYS_0_ID}, {@code MFA4J_SEALING_KEYS_0_KEY}, {@code MFA4J_SEALING_KEYS_1_ID}...
     */
    public static class Sealing {

        /** The defaults. */
        public Sealing() {
        }
        /** The keys, current first. None: secrets are stored as given. */
        private List<Key> keys = new ArrayList<>();

        /** @return the keys, current first */
        public List<Key> getKeys() {
            return keys;
        }

        /** @param keys the keys, current first */
        public void setKeys(List<Key> keys) {
            this.keys = keys;
        }
    }

    /** One sealing key. */
    public static class Key {

        /** The defaults. */
        public Key() {
        }
        /** The key's id, stored with every value it seals, such as 2026-11. */
        private String id;
        /** The key: 32 bytes, base64. Keep it out of files that are checked in: use the environment. */
        private String key;

        /** @return the id */
        public String getId() {
            return id;
        }

        /** @param id the id */
        public void setId(String id) {
            this.id = id;
        }

        /** @return the base64 key */
        public String getKey() {
            return key;
        }

        /** @param key the base64 key */
        public void setKey(String key) {
            this.key = key;
        }

        @Override
        public String toString() {
            return "Key[id=" + id + ", key=********]";
        }
    }

    /** The health indicator over every configuration's health check. */
    public static class Health {

        /** The defaults. */
        public Health() {
        }
        /** How long the health indicator waits for all configurations' checks. */
        private Duration timeout = Duration.ofSeconds(10);

        /** @return how long to wait */
        public Duration getTimeout() {
            return timeout;
        }

        /** @param timeout how long to wait */
        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }
}
