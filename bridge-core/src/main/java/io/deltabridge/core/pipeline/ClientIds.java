package io.deltabridge.core.pipeline;

/**
 * The id of a mapping in Kafka: its transactional id (delta → kafka) and consumer group
 * (kafka → delta). {@code <bridge>.<mapping>} as SPEC §4/§5 say, except when a name holds a
 * dot: then {@code <bridge>/<mapping>}, since bridge {@code a.b} with mapping {@code c} and
 * bridge {@code a} with mapping {@code b.c} would otherwise share {@code a.b.c} (and fence each
 * other's transactions or split each other's partitions). Names never contain {@code /}, so both
 * forms are unambiguous; names without dots keep the id earlier versions used.
 */
public final class ClientIds {
    private ClientIds() {}

    public static String of(String bridge, String mapping) {
        boolean dotted = bridge.indexOf('.') >= 0 || mapping.indexOf('.') >= 0;
        return bridge + (dotted ? "/" : ".") + mapping;
    }
}
