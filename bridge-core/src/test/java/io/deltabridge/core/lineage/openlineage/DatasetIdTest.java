package io.deltabridge.core.lineage.openlineage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.deltabridge.core.delta.TableUris;
import org.junit.jupiter.api.Test;

/** Dataset names after the OpenLineage naming conventions (openlineage.io/docs/spec/naming). */
class DatasetIdTest {

    @Test
    void aLocalTableIsTheFileNamespaceAndItsAbsolutePath() {
        assertEquals(new DatasetId("file", "/lake/gold/t"), DatasetId.table("file:/lake/gold/t"));
        assertEquals(new DatasetId("file", "/lake/gold/t"), DatasetId.table(TableUris.normalize("/lake/gold/t/")));
        assertEquals(new DatasetId("file", "/my lake/t"), DatasetId.table(TableUris.normalize("/my lake/t")));
    }

    @Test
    void objectStoresAreTheBucketAndTheKeyUnderTheCanonicalScheme() {
        assertEquals(new DatasetId("s3://lake", "gold/churn_scores"), DatasetId.table("s3a://lake/gold/churn_scores"));
        assertEquals(new DatasetId("s3://lake", "gold/t"), DatasetId.table("s3://lake/gold/t/"));
        assertEquals(new DatasetId("s3://lake", "t"), DatasetId.table("s3n://lake/t"));
        assertEquals(new DatasetId("gs://bucket", "warehouse/t"), DatasetId.table("gs://bucket/warehouse/t"));
        assertEquals(
                new DatasetId("abfss://box@acct.dfs.core.windows.net", "lake/t"),
                DatasetId.table("abfss://box@acct.dfs.core.windows.net/lake/t"));
        assertEquals(
                new DatasetId("abfss://box@acct.dfs.core.windows.net", "lake/t"),
                DatasetId.table("abfs://box@acct.dfs.core.windows.net/lake/t"));
        assertEquals(
                new DatasetId("wasbs://box@acct.blob.core.windows.net", "t"),
                DatasetId.table("wasb://box@acct.blob.core.windows.net/t"));
    }

    @Test
    void hdfsKeepsTheAbsolutePath() {
        assertEquals(
                new DatasetId("hdfs://namenode:8020", "/warehouse/t"),
                DatasetId.table("hdfs://namenode:8020/warehouse/t"));
    }

    @Test
    void aTopicIsNamedByTheFirstBootstrapServer() {
        assertEquals(new DatasetId("kafka://k1:9092", "orders"), DatasetId.topic("k1:9092,k2:9092", "orders"));
        assertEquals(
                new DatasetId("kafka://k1:9093", "orders"), DatasetId.topic(" SASL_SSL://k1:9093 , k2:9093", "orders"));
    }
}
