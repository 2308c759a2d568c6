-- mfa4j JDBC store, schema version 3, H2: one row counting the changes made through
-- JdbcMfaConfigurationStore to configurations and assignments. A node's lookup cache reads it to
-- learn that another node changed something. A change made to those tables with SQL outside the
-- store must add one to changes too, in the same transaction, or a lookup cache may not see it.
-- ${prefix} is replaced by the validated table prefix. Every statement may be run again harmlessly.

CREATE TABLE IF NOT EXISTS ${prefix}change_count (
    id                  SMALLINT     NOT NULL PRIMARY KEY CHECK (id = 1),
    changes             BIGINT       NOT NULL
);

INSERT INTO ${prefix}change_count (id, changes) SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM ${prefix}change_count);
