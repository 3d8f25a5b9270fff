package io.deltabridge.core.config;

/** One mapping of the file: either direction. */
public sealed interface MappingConfig permits DeltaToKafkaMapping, KafkaToDeltaMapping {
    /** Unique within the file; with the bridge name it forms transactional ids, group ids and progress keys. */
    String name();

    /** Value format. */
    Format format();

    /** Position of this mapping in {@code mappings}, to locate configuration errors. */
    int index();
}
