package io.deltabridge.k2d;

import io.deltabridge.core.config.KafkaToDeltaMapping;

/**
 * Who a kafka → delta pipeline is: its mapping, the normalised table URI, the domain its offsets
 * are stored under, its consumer group, and the instance number that tells the consumers of
 * pipelines of the same mapping in one process apart.
 */
record MappingIdentity(KafkaToDeltaMapping mapping, String tableUri, String domain, String groupId, int instance) {

    String name() {
        return mapping.name();
    }

    /** The consumer's client id: group, process and instance. */
    String clientId() {
        return groupId + "-" + ProcessHandle.current().pid() + "-" + instance;
    }
}
