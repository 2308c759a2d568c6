/**
 * Stores for mfa4j in a relational database, shared by every node of a host:
 * {@link dev.mfa4j.store.jdbc.JdbcMfaConfigurationStore} (configurations and assignments) and
 * {@link dev.mfa4j.store.jdbc.JdbcAttemptStore} (attempt counts, lockouts, used passcodes, pending
 * pushes), over a host-supplied {@link javax.sql.DataSource}. PostgreSQL and H2 are supported; the
 * schema is created or upgraded when a store is built. See {@code docs/stores.md}.
 */
package dev.mfa4j.store.jdbc;
