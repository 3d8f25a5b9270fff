package io.deltabridge.bench.sparkmerge;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.row_number;

import io.delta.tables.DeltaTable;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.StructType;

/**
 * The upsert benchmark's peer: Spark Structured Streaming reads the change topic from the earliest offsets
 * (Trigger.AvailableNow) and applies each micro-batch with {@code foreachBatch} + Delta's MERGE INTO on the key
 * {@code id}: the Kafka key is the id as text, a value is the new row (json), a null value deletes the id; within a
 * micro-batch the last change per key wins (a key's changes are ordered by offset in its one partition), as in the
 * bridge's {@code mode: upsert}. Prints {@code RESULT records=.. rows=.. batches=.. query_s=.. cpu_s=..}; rows are
 * counted by Spark after the query, outside the measured time.
 * Usage: SparkMerge bootstrap topic table checkpointDir workDir valueDdl
 */
public final class SparkMerge {
    private SparkMerge() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        String table = args[2];
        String checkpoint = args[3];
        String work = args[4];
        String valueDdl = args[5];
        SparkSession spark = session(work);
        DeltaTable target = DeltaTable.forPath(spark, table);
        Map<String, String> assignments = new LinkedHashMap<>();
        for (String column : StructType.fromDDL(valueDdl).fieldNames()) {
            assignments.put("`" + column + "`", "s.c.`" + column + "`");
        }
        long t0 = System.nanoTime();
        StreamingQuery query = spark.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", bootstrap)
                .option("subscribe", topic)
                .option("startingOffsets", "earliest")
                .load()
                .writeStream()
                .option("checkpointLocation", checkpoint)
                .trigger(Trigger.AvailableNow())
                .foreachBatch(
                        (VoidFunction2<Dataset<Row>, Long>) (batch, id) -> merge(target, batch, valueDdl, assignments))
                .start();
        query.awaitTermination();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long records = 0;
        for (StreamingQueryProgress progress : query.recentProgress()) {
            records += progress.numInputRows();
        }
        long rows = spark.read().format("delta").load(table).count();
        double cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
        System.out.printf(
                Locale.ROOT,
                "RESULT records=%d rows=%d batches=%d query_s=%.3f cpu_s=%.1f%n",
                records,
                rows,
                query.recentProgress().length,
                seconds,
                cpu);
        spark.stop();
    }

    private static void merge(DeltaTable target, Dataset<Row> batch, String valueDdl, Map<String, String> assignments) {
        Dataset<Row> changes = batch.select(
                        col("key").cast("string").cast("bigint").as("key"),
                        col("partition"),
                        col("offset"),
                        from_json(col("value").cast("string"), valueDdl, Map.<String, String>of())
                                .as("c"))
                .withColumn(
                        "n",
                        row_number()
                                .over(Window.partitionBy("key")
                                        .orderBy(
                                                col("partition").desc(),
                                                col("offset").desc())))
                .filter(col("n").equalTo(1));
        target.as("t")
                .merge(changes.as("s"), "t.id = s.key")
                .whenMatched("s.c IS NULL")
                .delete()
                .whenMatched()
                .updateExpr(assignments)
                .whenNotMatched("s.c IS NOT NULL")
                .insertExpr(assignments)
                .execute();
    }

    /** A local session on every core, bound to loopback, as peer-bench's Spark peers run. */
    private static SparkSession session(String work) {
        int cores = Runtime.getRuntime().availableProcessors();
        SparkSession spark = SparkSession.builder()
                .appName("deltabridge-bench-spark-merge")
                .master("local[" + cores + "]")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", String.valueOf(cores))
                .config("spark.local.dir", work + "/spark-local")
                .config("spark.sql.warehouse.dir", work + "/spark-warehouse")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
