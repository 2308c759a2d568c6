package dev.mfa4j.store.jdbc.internal;

import dev.mfa4j.store.jdbc.Dialect;

/**
 * Every statement of {@code JdbcAttemptStore}, for one dialect and table prefix. Each
 * check-and-change is an {@link Upsert} whose condition is the check; the parameters are listed
 * beside each, in order, as the store sets them.
 *
 * @param admit counts an attempt unless locked out. Values: key, lockout end or null (a first
 *     attempt that already reaches the limit). Change: maxFailures, lockout end, now. Key: key
 * @param lockedUntil the lockout end of a key. Key
 * @param refund takes back one counted attempt and lifts the lockout. Key
 * @param success clears the count, the lockout and the push window. Key
 * @param claim records a used passcode unless a live record exists. Values: scope, fingerprint,
 *     expiry. Change: expiry, now. Key: scope, fingerprint
 * @param release forgets a used passcode. Scope, fingerprint
 * @param admitPush makes a push the pending one unless one is pending or the window is full.
 *     Values: key, push id, expiry, now. Change: push id, expiry, window cut-off, window cut-off,
 *     now, now, window cut-off, maxPushes. Key: key
 * @param pushState why a key refuses a push. Key
 * @param endPush ends the pending push if it is this one. Key, push id
 * @param purge deletes up to a number of expired used-passcode records. After (exclusive), now, how many; on
 *     PostgreSQL a query answering the count deleted and their latest expiry
 * @param admitAndClaim PostgreSQL only (null on H2): {@code admit} and, only if it admitted,
 *     {@code claim}, in one statement; answers one row: 1 or 0 admitted, 1 or 0 claimed, and when
 *     not admitted the lockout end as the statement's snapshot saw it (null if it saw none). Admit's
 *     values and change, then claim's values and change, then the key
 */
public record AttemptSql(Upsert admit, String lockedUntil, String refund, String success, Upsert claim, String release,
        Upsert admitPush, String pushState, String endPush, String purge, String admitAndClaim) {

    /**
     * @param dialect the database
     * @param tables the table names
     * @return the statements
     */
    public static AttemptSql of(Dialect dialect, Tables tables) {
        String attempt = tables.attempt();
        // A lockout that has ended starts a fresh count (1); otherwise the count goes up by one. The new count is
        // spelled out again for the lockout because every SET expression sees the row as it was.
        String count = "CASE WHEN a.locked_until_us IS NULL THEN a.failures + 1 ELSE 1 END";
        Upsert admit = Upsert.of(dialect, attempt, "a", "attempt_key, failures, locked_until_us, window_pushes", "?, 1, ?, 0",
                "attempt_key", "failures = " + count + ", locked_until_us = CASE WHEN (" + count + ") >= ? THEN ? ELSE NULL END",
                "a.locked_until_us IS NULL OR a.locked_until_us <= ?");
        // The push window is open while window_start_us > now - window; the count in it is window_pushes, else 0.
        String open = "(a.window_start_us IS NOT NULL AND a.window_start_us > ?)";
        Upsert admitPush = Upsert.of(dialect, attempt, "a",
                "attempt_key, failures, pending_push, pending_until_us, window_start_us, window_pushes", "?, 0, ?, ?, ?, 1", "attempt_key",
                "pending_push = ?, pending_until_us = ?, window_pushes = CASE WHEN " + open + " THEN a.window_pushes + 1 ELSE 1 END, "
                        + "window_start_us = CASE WHEN " + open + " THEN a.window_start_us ELSE ? END",
                "(a.pending_push IS NULL OR a.pending_until_us <= ?) AND (CASE WHEN " + open + " THEN a.window_pushes ELSE 0 END) < ?");
        String claimColumns = "scope, fingerprint, expires_at_us";
        String claimKey = "scope, fingerprint";
        String claimSet = "expires_at_us = ?";
        String claimCondition = "u.expires_at_us <= ?";
        Upsert claim = Upsert.of(dialect, tables.usedPasscode(), "u", claimColumns, "?, ?, ?", claimKey, claimSet, claimCondition);
        String admitAndClaim = dialect != Dialect.POSTGRESQL ? null
                : admitAndClaim(tables, admit, "INSERT INTO " + tables.usedPasscode() + " AS u (" + claimColumns
                        + ") SELECT ?, ?, ? FROM admitted ON CONFLICT (" + claimKey + ") DO UPDATE SET " + claimSet + " WHERE "
                        + claimCondition);
        return new AttemptSql(admit,
                tables.expand("SELECT locked_until_us FROM ${prefix}attempt WHERE attempt_key = ?"),
                tables.expand("UPDATE ${prefix}attempt SET failures = CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END, "
                        + "locked_until_us = NULL WHERE attempt_key = ?"),
                tables.expand("UPDATE ${prefix}attempt SET failures = 0, locked_until_us = NULL, window_start_us = NULL, "
                        + "window_pushes = 0 WHERE attempt_key = ?"),
                claim,
                tables.expand("DELETE FROM ${prefix}used_passcode WHERE scope = ? AND fingerprint = ?"),
                admitPush,
                tables.expand("SELECT pending_push, pending_until_us, window_start_us, window_pushes FROM ${prefix}attempt "
                        + "WHERE attempt_key = ?"),
                tables.expand("UPDATE ${prefix}attempt SET pending_push = NULL, pending_until_us = NULL "
                        + "WHERE attempt_key = ? AND pending_push = ?"),
                DialectSql.purgeUsedPasscodes(dialect, tables), admitAndClaim);
    }

    /**
     * The two upserts as data-modifying CTEs of one statement: the claim inserts from the admit's
     * {@code RETURNING}, so a refused admission claims nothing. Each keeps its own atomic check (on
     * the row as its previous writer left it). The attempt row is always locked before the used
     * passcode row, and no statement locks them the other way round, so they cannot deadlock. The
     * final read of the lockout sees the statement's snapshot, which may predate the writer that
     * locked the key: the store then asks again.
     */
    private static String admitAndClaim(Tables tables, Upsert admit, String claimFromAdmitted) {
        return "WITH admitted AS (" + admit.upsert() + " RETURNING 1), claimed AS (" + claimFromAdmitted + " RETURNING 1) "
                + "SELECT (SELECT count(*) FROM admitted), (SELECT count(*) FROM claimed), "
                + tables.expand("CASE WHEN NOT EXISTS (SELECT 1 FROM admitted) THEN (SELECT locked_until_us FROM ${prefix}attempt "
                        + "WHERE attempt_key = ?) END");
    }
}
