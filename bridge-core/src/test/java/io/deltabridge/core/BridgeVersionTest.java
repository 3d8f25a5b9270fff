package io.deltabridge.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BridgeVersionTest {

    @Test
    void theBuildFiltersTheProjectVersionIn() {
        // commits' engineInfo (deltabridge/<version>, checked by Spark's DESCRIBE HISTORY in SparkKafkaToDeltaIT) and
        // the producer of OpenLineage events carry it
        assertTrue(BridgeVersion.VERSION.matches("\\d+\\.\\d+\\.\\d+.*"), BridgeVersion.VERSION);
    }
}
