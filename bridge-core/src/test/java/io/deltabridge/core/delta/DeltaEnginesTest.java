package io.deltabridge.core.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DeltaEnginesTest {

    @Test
    void rowGroupsAre32MiBUnlessTheDeltaSettingsSayOtherwise() {
        assertEquals(32L << 20, DeltaEngines.hadoopConfiguration(Map.of()).getLong("parquet.block.size", -1));
        assertEquals(
                128L << 20,
                DeltaEngines.hadoopConfiguration(Map.of("parquet.block.size", Long.toString(128L << 20)))
                        .getLong("parquet.block.size", -1));
    }
}
