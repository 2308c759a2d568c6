package dev.mfa4j.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the database did in a window, read from the side: the CPU time of the PostgreSQL server's
 * processes ({@code /proc}), statements per kind ({@code pg_stat_statements}, when preloaded),
 * transactions and block reads ({@code pg_stat_database}), and sampled waits of the client
 * backends ({@code pg_stat_activity}: how many were active, how many waited on a lock).
 */
final class PostgresStats {

    /** Clock ticks per second of /proc's utime and stime (USER_HZ; 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100;

    private final Connection connection;
    private final long postmasterPid;
    private final boolean statements;

    PostgresStats(Connection connection, Path dataDirectory) throws IOException, SQLException {
        this.connection = connection;
        this.postmasterPid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
        this.statements = enableStatements(connection);
    }

    private static boolean enableStatements(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            statement.executeQuery("SELECT count(*) FROM pg_stat_statements").close();
            return true;
        } catch (SQLException e) {
            System.err.println("pg_stat_statements is not available (" + e.getMessage() + "): statements are not counted");
            return false;
        }
    }

    boolean countsStatements() {
        return statements;
    }

    /**
     * @return CPU seconds of the server so far: the postmaster, its live children, and the children
     *     it has reaped (cutime, cstime)
     */
    double serverCpuSeconds() {
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // after "pid (comm) ": state 0, ppid 1, ..., utime 11, stime 12, cutime 13, cstime 14
                    long pid = Long.parseLong(process.getFileName().toString());
                    long ppid = Long.parseLong(fields[1]);
                    if (pid == postmasterPid) {
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                                + Long.parseLong(fields[14]);
                    } else if (ppid == postmasterPid) {
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended while listing
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** @return calls, execution milliseconds and rows per statement text that names {@code prefix} */
    Map<String, double[]> statements(String prefix) throws SQLException {
        Map<String, double[]> byQuery = new TreeMap<>();
        if (!statements) {
            return byQuery;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT query, sum(calls), sum(total_exec_time), sum(rows) FROM pg_stat_statements WHERE strpos(query, ?) > 0 "
                        + "AND query NOT LIKE 'EXPLAIN%' GROUP BY query")) {
            select.setString(1, prefix);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    byQuery.put(rows.getString(1), new double[] {rows.getDouble(2), rows.getDouble(3), rows.getDouble(4)});
                }
            }
        }
        return byQuery;
    }

    /** @return this database's counters: commits, rollbacks, blocks read and hit, rows changed, deadlocks */
    Map<String, Long> database() throws SQLException {
        Map<String, Long> counters = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT xact_commit, xact_rollback, blks_read, blks_hit, tup_inserted, tup_updated, tup_deleted, deadlocks "
                        + "FROM pg_stat_database WHERE datname = current_database()")) {
            rows.next();
            for (String name : new String[] {"xact_commit", "xact_rollback", "blks_read", "blks_hit", "tup_inserted", "tup_updated",
                    "tup_deleted", "deadlocks"}) {
                counters.put(name, rows.getLong(name));
            }
        }
        return counters;
    }

    /** Samples the client backends every {@code intervalMillis}, on a connection of its own, until a time. */
    static final class Waits implements Runnable {
        private final Connection connection;
        private final long intervalMillis;
        private final long until;
        private long samples;
        private long active;
        private long lockWaiting;
        private long lwlockWaiting;
        private int lockWaitingMax;
        private final Map<String, Long> lockedOn = new TreeMap<>();
        private final Map<String, Long> lwlockedOn = new TreeMap<>();

        Waits(Connection connection, long intervalMillis, long untilEpochMillis) {
            this.connection = connection;
            this.intervalMillis = intervalMillis;
            this.until = untilEpochMillis;
        }

        @Override
        public void run() {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT state, wait_event_type, wait_event FROM pg_stat_activity WHERE datname = current_database() "
                            + "AND backend_type = 'client backend' AND pid <> pg_backend_pid()")) {
                while (System.currentTimeMillis() < until) {
                    int locks = 0;
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            if (!"active".equals(rows.getString(1))) {
                                continue;
                            }
                            active++;
                            String type = rows.getString(2);
                            if ("Lock".equals(type)) {
                                locks++;
                                lockedOn.merge(rows.getString(3), 1L, Long::sum);
                            } else if ("LWLock".equals(type)) {
                                lwlockWaiting++;
                                lwlockedOn.merge(rows.getString(3), 1L, Long::sum);
                            }
                        }
                    }
                    lockWaiting += locks;
                    lockWaitingMax = Math.max(lockWaitingMax, locks);
                    samples++;
                    Thread.sleep(intervalMillis);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        Map<String, Object> summary() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("samples", samples);
            out.put("activeBackendsMean", samples == 0 ? null : active / (double) samples);
            out.put("lockWaitingBackendsMean", samples == 0 ? null : lockWaiting / (double) samples);
            out.put("lockWaitingBackendsMax", lockWaitingMax);
            out.put("lwlockWaitingBackendsMean", samples == 0 ? null : lwlockWaiting / (double) samples);
            out.put("lockWaitEvents", lockedOn);
            out.put("lwlockWaitEvents", lwlockedOn);
            return out;
        }
    }
}
