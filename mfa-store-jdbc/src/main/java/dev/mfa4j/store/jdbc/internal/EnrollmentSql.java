package dev.mfa4j.store.jdbc.internal;

/**
 * Every statement of {@code JdbcEnrollmentStore}, for one table prefix. The parameters are listed
 * beside each, in order, as the store sets them.
 *
 * @param find one enrollment with its values (one row per value, in order; the value columns are
 *     null when it has none). Principal, slot
 * @param list every enrollment of a principal with its values, by slot then value. Principal
 * @param insert a new enrollment at revision 1. Principal, slot, updated
 * @param insertValue one value. Principal, slot, ordinal, key, value, secret
 * @param update the next revision if the revision is as expected. Updated, principal, slot,
 *     expected revision
 * @param deleteValues an enrollment's values. Principal, slot
 * @param revision an enrollment's revision. Principal, slot
 * @param remove one enrollment if its revision is as expected (its values go with it).
 *     Principal, slot, expected revision
 * @param removeAll every enrollment of a principal. Principal
 */
public record EnrollmentSql(String find, String list, String insert, String insertValue, String update, String deleteValues,
        String revision, String remove, String removeAll) {

    /**
     * @param t the table names
     * @return the statements (the same SQL on both dialects)
     */
    public static EnrollmentSql of(Tables t) {
        String select = "SELECT e.slot, e.revision, e.updated_at_us, v.value_key, v.value_text, v.secret FROM ${prefix}enrollment e "
                + "LEFT JOIN ${prefix}enrollment_value v ON v.principal = e.principal AND v.slot = e.slot WHERE e.principal = ? ";
        return new EnrollmentSql(
                t.expand(select + "AND e.slot = ? ORDER BY v.ordinal"),
                t.expand(select + "ORDER BY e.slot, v.ordinal"),
                t.expand("INSERT INTO ${prefix}enrollment (principal, slot, revision, updated_at_us) VALUES (?, ?, 1, ?)"),
                t.expand("INSERT INTO ${prefix}enrollment_value (principal, slot, ordinal, value_key, value_text, secret) "
                        + "VALUES (?, ?, ?, ?, ?, ?)"),
                t.expand("UPDATE ${prefix}enrollment SET revision = revision + 1, updated_at_us = ? "
                        + "WHERE principal = ? AND slot = ? AND revision = ?"),
                t.expand("DELETE FROM ${prefix}enrollment_value WHERE principal = ? AND slot = ?"),
                t.expand("SELECT revision FROM ${prefix}enrollment WHERE principal = ? AND slot = ?"),
                t.expand("DELETE FROM ${prefix}enrollment WHERE principal = ? AND slot = ? AND revision = ?"),
                t.expand("DELETE FROM ${prefix}enrollment WHERE principal = ?"));
    }
}
