package io.deltabridge.core.codec.debezium;

import io.deltabridge.core.codec.ChangeOp;
import io.deltabridge.core.error.Problem;

/** What a Debezium {@code op} asks for, and which image of the row carries it. */
enum DebeziumOp {
    /** c (insert), r (snapshot read), u (update): the row is {@code after}. */
    UPSERT_AFTER(ChangeOp.UPSERT, "after"),
    /** d: the deleted row's key is in {@code before}. */
    DELETE_BEFORE(ChangeOp.DELETE, "before");

    /** The {@code op} of an update, whose {@code before} (when present) is the row it replaced. */
    static final String UPDATE = "u";

    final ChangeOp op;
    /** The envelope field holding the row. */
    final String image;

    DebeziumOp(ChangeOp op, String image) {
        this.op = op;
        this.image = image;
    }

    /** The kind of {@code op} (null when the event has none), or a data error naming the problem. */
    static DebeziumOp of(String op) {
        if (op == null) {
            throw Problem.of("Debezium event has no 'op'")
                    .because("envelope debezium expects {\"before\":…,\"after\":…,\"op\":\"c|r|u|d\",…}")
                    .fix("send Debezium change events to this topic, or use envelope: row")
                    .data();
        }
        return switch (op) {
            case "c", "r", "u" -> UPSERT_AFTER;
            case "d" -> DELETE_BEFORE;
            case "t" ->
                throw Problem.of("Debezium truncate event (op 't') cannot be applied by key")
                        .because(
                                "a truncate removes every row of the source table and names no key; deltabridge applies changes by key only")
                        .fix(
                                "keep the connector's default skipped.operations=t, and truncate the Delta table yourself if you must")
                        .data();
            case "m" ->
                throw Problem.of("Debezium message event (op 'm') is not a row change")
                        .because("logical decoding messages carry application data, not a row of the table")
                        .fix("route message events to another topic than the table's (Debezium's default)")
                        .data();
            default ->
                throw Problem.of("Debezium event has unknown op '%s'", op)
                        .because("envelope debezium understands c, r, u and d")
                        .fix("send Debezium change events to this topic, or use envelope: row")
                        .data();
        };
    }

    /** The error for an event of this kind whose row image is missing or null. */
    RuntimeException missingImage(String op) {
        return Problem.of("Debezium event with op '%s' has no '%s'", op, image)
                .because(
                        this == UPSERT_AFTER
                                ? "an insert, read or update carries the new row in 'after'"
                                : "a delete carries the deleted row (at least its key columns) in 'before'")
                .fix(
                        this == UPSERT_AFTER
                                ? "send the new row in 'after'"
                                : "set REPLICA IDENTITY (PostgreSQL) or binlog_row_image (MySQL) so that deletes carry the key in 'before'")
                .data();
    }
}
