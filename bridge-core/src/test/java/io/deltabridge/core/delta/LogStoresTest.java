package io.deltabridge.core.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store Kernel commits through, per scheme and setting, and which of them keep writers of other processes out. */
class LogStoresTest {
    private static final String S3A_STORE = "io.delta.kernel.logStore.s3a.impl";

    @Test
    void theDefaultsOfEveryStoreExcludeOtherWriters() {
        Map<String, String> expected = Map.of(
                "s3a://b/t", "io.deltabridge.core.delta.S3ConditionalLogStore",
                "s3://b/t", "io.deltabridge.core.delta.S3ConditionalLogStore",
                "abfss://c@a.dfs.core.windows.net/t", "io.delta.storage.AzureLogStore",
                "gs://b/t", "io.delta.storage.GCSLogStore",
                "hdfs://nn/t", "io.delta.storage.HDFSLogStore",
                "/data/t", "io.deltabridge.core.delta.LocalExclusiveLogStore",
                "file:///data/t", "io.deltabridge.core.delta.LocalExclusiveLogStore");
        expected.forEach((table, store) -> {
            LogStores.LogStore inEffect = LogStores.inEffect(table, Map.of());
            assertEquals(store, inEffect.className(), table);
            assertTrue(inEffect.exclusive(), table);
        });
    }

    @Test
    void aHandSetStoreExcludesOnlyWhereItsMechanismHolds() {
        assertFalse(LogStores.inEffect("s3a://b/t", Map.of(S3A_STORE, "io.delta.storage.S3SingleDriverLogStore"))
                .exclusive());
        assertFalse(
                LogStores.inEffect("s3a://b/t", Map.of(S3A_STORE, "io.delta.storage.HDFSLogStore"))
                        .exclusive(),
                "S3 has no atomic rename");
        assertFalse(
                LogStores.inEffect("s3a://b/t", Map.of(S3A_STORE, "com.example.HomeMadeLogStore"))
                        .exclusive(),
                "unknown");
        assertTrue(LogStores.inEffect("s3a://b/t", Map.of(S3A_STORE, "io.delta.storage.S3DynamoDBLogStore"))
                .exclusive());
        assertTrue(
                LogStores.inEffect("s3a://b/t", Map.of(S3A_STORE, " io.deltabridge.core.delta.S3ConditionalLogStore "))
                        .exclusive());
        assertFalse(
                LogStores.inEffect("s3n://b/t", Map.of()).exclusive(),
                "Kernel's default for s3n is the single-driver store");
        assertFalse(
                LogStores.inEffect(
                                "file:///t",
                                Map.of("io.delta.kernel.logStore.file.impl", "io.delta.storage.HDFSLogStore"))
                        .exclusive(),
                "a local rename replaces an existing commit");
        assertFalse(
                LogStores.inEffect("s3a://b/t", Map.of(S3A_STORE, "io.deltabridge.core.delta.LocalExclusiveLogStore"))
                        .exclusive(),
                "hard links are local");
        assertEquals(
                "log store S3SingleDriverLogStore: does not keep writers of different processes apart: ONE writer per table, "
                        + "or commits are lost",
                LogStores.inEffect("s3a://b/t", Map.of(S3A_STORE, "io.delta.storage.S3SingleDriverLogStore"))
                        .describe());
    }
}
