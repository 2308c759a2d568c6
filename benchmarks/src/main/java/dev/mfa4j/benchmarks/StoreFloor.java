package dev.mfa4j.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Benchmark 8's floor: the least a passcode verification needs of the database, in bare JDBC on
 * the same pool and tables as mfa4j's stores: one conditional statement that counts the attempt
 * and claims the passcode's keyed fingerprint (both or neither refused), then one that settles
 * it. The connection goes back to the pool between the two, as it must while a provider answers.
 * Nothing else: no assignment or configuration read, no sweep of expired rows.
 */
final class StoreFloor {

    /** How a verification ended. */
    enum Outcome { ACCEPTED, WRONG, LOCKED_OUT, REPLAYED }

    private final DataSource dataSource;
    private final String enter;
    private final String success;
    private final String release;
    private final Mac mac;
    private final byte[] expected;

    StoreFloor(DataSource dataSource, String prefix, String passcode) throws GeneralSecurityException {
        this.dataSource = dataSource;
        // The lockout's new count is spelled out twice because every SET expression sees the row as it was.
        this.enter = ("WITH admitted AS ("
                + "INSERT INTO ${p}attempt AS a (attempt_key, failures, locked_until_us, window_pushes) VALUES (?, 1, NULL, 0) "
                + "ON CONFLICT (attempt_key) DO UPDATE SET "
                + "failures = CASE WHEN a.locked_until_us IS NULL THEN a.failures + 1 ELSE 1 END, "
                + "locked_until_us = CASE WHEN (CASE WHEN a.locked_until_us IS NULL THEN a.failures + 1 ELSE 1 END) >= ? THEN ? ELSE NULL END "
                + "WHERE a.locked_until_us IS NULL OR a.locked_until_us <= ? RETURNING 1), "
                + "claimed AS (INSERT INTO ${p}used_passcode AS u (scope, fingerprint, expires_at_us) SELECT ?, ?, ? FROM admitted "
                + "ON CONFLICT (scope, fingerprint) DO UPDATE SET expires_at_us = EXCLUDED.expires_at_us WHERE u.expires_at_us <= ? "
                + "RETURNING 1) "
                + "SELECT (SELECT count(*) FROM admitted), (SELECT count(*) FROM claimed)").replace("${p}", prefix);
        this.success = ("UPDATE ${p}attempt SET failures = 0, locked_until_us = NULL, window_start_us = NULL, window_pushes = 0 "
                + "WHERE attempt_key = ?").replace("${p}", prefix);
        this.release = "DELETE FROM ${p}used_passcode WHERE scope = ? AND fingerprint = ?".replace("${p}", prefix);
        this.mac = Mac.getInstance("HmacSHA256");
        this.mac.init(new SecretKeySpec("benchmark 8 floor fingerprint key".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        this.expected = passcode.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * One passcode verification against a provider that accepts {@code expected} at once.
     *
     * @return how it ended
     */
    Outcome verify(String principalKey, String configurationName, String passcode, Instant now, int maxFailures,
            java.time.Duration coolDown, java.time.Duration reuseWindow) throws SQLException {
        String scope = configurationName + '\n' + principalKey;
        String fingerprint = fingerprint(scope, passcode);
        long nowUs = micros(now);
        Outcome entry;
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(enter)) {
            statement.setString(1, principalKey);
            statement.setInt(2, maxFailures);
            statement.setLong(3, micros(now.plus(coolDown)));
            statement.setLong(4, nowUs);
            statement.setString(5, scope);
            statement.setString(6, fingerprint);
            statement.setLong(7, micros(now.plus(reuseWindow)));
            statement.setLong(8, nowUs);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                entry = rows.getInt(1) == 0 ? Outcome.LOCKED_OUT : rows.getInt(2) == 0 ? Outcome.REPLAYED : Outcome.ACCEPTED;
            }
        }
        if (entry != Outcome.ACCEPTED) {
            return entry;
        }
        boolean right = MessageDigest.isEqual(expected, passcode.getBytes(StandardCharsets.US_ASCII));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(right ? success : release)) {
            if (right) {
                statement.setString(1, principalKey);
            } else {
                statement.setString(1, scope);
                statement.setString(2, fingerprint);
            }
            statement.executeUpdate();
        }
        return right ? Outcome.ACCEPTED : Outcome.WRONG;
    }

    private String fingerprint(String scope, String passcode) {
        Mac copy;
        try {
            copy = (Mac) mac.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        copy.update(scope.getBytes(StandardCharsets.UTF_8));
        copy.update((byte) 0);
        return "h1:" + HexFormat.of().formatHex(copy.doFinal(passcode.getBytes(StandardCharsets.US_ASCII)));
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
