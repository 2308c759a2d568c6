-- mfa4j JDBC store, schema version 1, H2.
-- ${prefix} is replaced by the validated table prefix (default mfa_). Every statement may be run
-- again harmlessly, so a migration interrupted half-way can simply be repeated.
-- H2 compares strings by their characters, as Java does, so no collation is named.

CREATE TABLE IF NOT EXISTS ${prefix}configuration (
    name                VARCHAR(128) NOT NULL PRIMARY KEY,
    provider_type       VARCHAR(32)  NOT NULL,
    revision            BIGINT       NOT NULL CHECK (revision >= 1)
);

-- Options keep their order through ordinal; ON DELETE CASCADE removes them with their configuration.
CREATE TABLE IF NOT EXISTS ${prefix}configuration_option (
    configuration_name  VARCHAR(128) NOT NULL REFERENCES ${prefix}configuration (name) ON DELETE CASCADE,
    ordinal             INTEGER      NOT NULL,
    option_key          VARCHAR(64)  NOT NULL,
    option_value        VARCHAR(65536) NOT NULL,
    PRIMARY KEY (configuration_name, ordinal)
);

-- No cascade here: deleting a configuration that is still assigned is refused unless the caller
-- asks for its assignments to go too, and the store deletes them itself, in the same transaction.
CREATE TABLE IF NOT EXISTS ${prefix}assignment (
    principal           VARCHAR(400) NOT NULL PRIMARY KEY,
    configuration_name  VARCHAR(128) NOT NULL REFERENCES ${prefix}configuration (name),
    provider_user_id    VARCHAR(256) NOT NULL
);

CREATE INDEX IF NOT EXISTS ${prefix}assignment_by_configuration ON ${prefix}assignment (configuration_name);

-- One row per principal key that has tried to log in. Times are microseconds since the epoch
-- from mfa-core's clock.
CREATE TABLE IF NOT EXISTS ${prefix}attempt (
    attempt_key         VARCHAR(700) NOT NULL PRIMARY KEY,
    failures            INTEGER      NOT NULL DEFAULT 0 CHECK (failures >= 0),
    locked_until_us     BIGINT,
    pending_push        VARCHAR(200),
    pending_until_us    BIGINT,
    window_start_us     BIGINT,
    window_pushes       INTEGER      NOT NULL DEFAULT 0 CHECK (window_pushes >= 0)
);

-- Passcodes already accepted (as one-way fingerprints), until they expire.
CREATE TABLE IF NOT EXISTS ${prefix}used_passcode (
    scope               VARCHAR(1000) NOT NULL,
    fingerprint         VARCHAR(128) NOT NULL,
    expires_at_us       BIGINT       NOT NULL,
    PRIMARY KEY (scope, fingerprint)
);

CREATE INDEX IF NOT EXISTS ${prefix}used_passcode_by_expiry ON ${prefix}used_passcode (expires_at_us);
