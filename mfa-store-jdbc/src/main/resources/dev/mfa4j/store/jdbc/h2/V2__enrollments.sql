-- mfa4j JDBC store, schema version 2, H2: what is kept per principal (a TOTP secret, an
-- enrollment not yet confirmed, recovery code hashes), one row per principal and slot.
-- ${prefix} is replaced by the validated table prefix. Every statement may be run again harmlessly.

-- revision numbers each stored version; a write names the revision it replaces, so two nodes
-- never overwrite each other's change. updated_at_us is microseconds since the epoch.
CREATE TABLE IF NOT EXISTS ${prefix}enrollment (
    principal           VARCHAR(400) NOT NULL,
    slot                VARCHAR(200) NOT NULL,
    revision            BIGINT       NOT NULL CHECK (revision >= 1),
    updated_at_us       BIGINT       NOT NULL,
    PRIMARY KEY (principal, slot)
);

-- The values keep their order through ordinal; secret values are sealed by mfa-core when the host
-- seals secrets. ON DELETE CASCADE removes them with their enrollment.
CREATE TABLE IF NOT EXISTS ${prefix}enrollment_value (
    principal           VARCHAR(400) NOT NULL,
    slot                VARCHAR(200) NOT NULL,
    ordinal             INTEGER      NOT NULL,
    value_key           VARCHAR(64)  NOT NULL,
    value_text          VARCHAR(16384) NOT NULL,
    secret              BOOLEAN      NOT NULL,
    PRIMARY KEY (principal, slot, ordinal),
    FOREIGN KEY (principal, slot) REFERENCES ${prefix}enrollment (principal, slot) ON DELETE CASCADE
);
