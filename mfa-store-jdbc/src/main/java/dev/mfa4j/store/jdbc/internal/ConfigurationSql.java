package dev.mfa4j.store.jdbc.internal;

import dev.mfa4j.store.jdbc.Dialect;

/**
 * Every statement of {@code JdbcMfaConfigurationStore}, for one table prefix. They are the same
 * SQL on both dialects; the dialect is taken so that a difference would have one place to go.
 *
 * @param selectConfiguration type, revision and options (in order) of one configuration. Name
 * @param selectAllConfigurations name, type, revision and options of every configuration
 * @param insertConfiguration a new configuration at revision 1. Name, type
 * @param insertOption one option. Configuration name, ordinal, key, value
 * @param updateConfiguration a new type and the next revision if the revision is as expected.
 *     Type, name, expected revision
 * @param deleteOptions a configuration's options. Name
 * @param selectRevision a configuration's revision. Name
 * @param lockConfiguration a configuration's revision, its row locked until the commit. Name
 * @param deleteConfiguration one configuration. Name
 * @param countAssignments the assignments to a configuration. Name
 * @param deleteAssignmentsOf the assignments to a configuration. Name
 * @param selectAssignment the verification path's first read: a principal's configuration name
 *     and provider user id, with that configuration's type, revision and options (one row per
 *     option, in order; the configuration columns are null if it is missing). Principal
 * @param lockAssignment a principal's configuration name and provider user id, its row locked
 *     until the commit. Principal
 * @param selectAllAssignments every principal, configuration name and provider user id
 * @param insertAssignment a new assignment. Principal, configuration name, provider user id
 * @param updateAssignment a principal's assignment. Configuration name, provider user id,
 *     principal
 * @param deleteAssignment a principal's assignment. Principal
 * @param countChange adds one to the count of changes, last in every write's transaction
 * @param selectChanges the count of changes, which a lookup cache compares with the one it saw
 */
public record ConfigurationSql(String selectConfiguration, String selectAllConfigurations, String insertConfiguration,
        String insertOption, String updateConfiguration, String deleteOptions, String selectRevision, String lockConfiguration,
        String deleteConfiguration, String countAssignments, String deleteAssignmentsOf, String selectAssignment,
        String lockAssignment, String selectAllAssignments, String insertAssignment, String updateAssignment,
        String deleteAssignment, String countChange, String selectChanges) {

    /**
     * @param dialect the database
     * @param t the table names
     * @return the statements
     */
    public static ConfigurationSql of(Dialect dialect, Tables t) {
        return new ConfigurationSql(
                t.expand("SELECT c.provider_type, c.revision, o.option_key, o.option_value FROM ${prefix}configuration c "
                        + "LEFT JOIN ${prefix}configuration_option o ON o.configuration_name = c.name WHERE c.name = ? ORDER BY o.ordinal"),
                t.expand("SELECT c.name, c.provider_type, c.revision, o.option_key, o.option_value "
                        + "FROM ${prefix}configuration c LEFT JOIN ${prefix}configuration_option o ON o.configuration_name = c.name "
                        + "ORDER BY c.name, o.ordinal"),
                t.expand("INSERT INTO ${prefix}configuration (name, provider_type, revision) VALUES (?, ?, 1)"),
                t.expand("INSERT INTO ${prefix}configuration_option (configuration_name, ordinal, option_key, option_value) "
                        + "VALUES (?, ?, ?, ?)"),
                t.expand("UPDATE ${prefix}configuration SET provider_type = ?, revision = revision + 1 WHERE name = ? AND revision = ?"),
                t.expand("DELETE FROM ${prefix}configuration_option WHERE configuration_name = ?"),
                t.expand("SELECT revision FROM ${prefix}configuration WHERE name = ?"),
                t.expand("SELECT revision FROM ${prefix}configuration WHERE name = ? FOR UPDATE"),
                t.expand("DELETE FROM ${prefix}configuration WHERE name = ?"),
                t.expand("SELECT COUNT(*) FROM ${prefix}assignment WHERE configuration_name = ?"),
                t.expand("DELETE FROM ${prefix}assignment WHERE configuration_name = ?"),
                // One read for the assignment and its configuration: the verification path's steps 3 and 4 in one round trip.
                t.expand("SELECT a.configuration_name, a.provider_user_id, c.provider_type, c.revision, o.option_key, o.option_value "
                        + "FROM ${prefix}assignment a LEFT JOIN ${prefix}configuration c ON c.name = a.configuration_name "
                        + "LEFT JOIN ${prefix}configuration_option o ON o.configuration_name = c.name WHERE a.principal = ? "
                        + "ORDER BY o.ordinal"),
                t.expand("SELECT configuration_name, provider_user_id FROM ${prefix}assignment WHERE principal = ? FOR UPDATE"),
                t.expand("SELECT principal, configuration_name, provider_user_id FROM ${prefix}assignment"),
                t.expand("INSERT INTO ${prefix}assignment (principal, configuration_name, provider_user_id) VALUES (?, ?, ?)"),
                t.expand("UPDATE ${prefix}assignment SET configuration_name = ?, provider_user_id = ? WHERE principal = ?"),
                t.expand("DELETE FROM ${prefix}assignment WHERE principal = ?"),
                t.expand("UPDATE ${prefix}change_count SET changes = changes + 1 WHERE id = 1"),
                t.expand("SELECT changes FROM ${prefix}change_count WHERE id = 1"));
    }
}
