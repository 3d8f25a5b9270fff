package io.deltabridge.interop.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A long-lived local Spark + Delta session that runs one SQL statement per stdin line and answers one JSON
 * line per statement on stdout: {@code {"ok":true,"rows":[...]}} with the rows in the bridge's JSON encoding
 * (SPEC §7, see {@link CanonicalRows}), or {@code {"ok":false,"error":"<exception class>","condition":"<Spark
 * error condition>","message":"..."}}. Spark's own output goes to stderr, so stdout carries only answers.
 * Started by the interop tests (one JVM per test class) with a classpath of Spark + Delta-Spark only.
 */
public final class SparkServer {
    private SparkServer() {}

    public static void main(String[] args) throws Exception {
        PrintStream answers = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err); // anything Spark prints must not be mistaken for an answer
        ObjectMapper json = new ObjectMapper();
        SparkSession spark = session(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        answers.println("{\"ok\":true,\"ready\":true,\"spark\":\"" + spark.version() + "\"}");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            answers.println(json.writeValueAsString(run(spark, json, line)));
        }
        spark.stop();
    }

    private static ObjectNode run(SparkSession spark, ObjectMapper json, String sql) {
        ObjectNode answer = json.createObjectNode();
        try {
            Dataset<Row> result = spark.sql(sql);
            ArrayNode rows = answer.put("ok", true).putArray("rows");
            CanonicalRows canonical = new CanonicalRows(json, result.schema());
            for (Row row : result.collectAsList()) {
                rows.add(canonical.of(row));
            }
        } catch (Exception | StackOverflowError e) {
            answer.put("ok", false)
                    .put("error", e.getClass().getName())
                    .put("condition", e instanceof SparkThrowable st ? st.getCondition() : null)
                    .put("message", String.valueOf(e.getMessage()));
        }
        return answer;
    }

    private static SparkSession session(String workDir) {
        SparkSession spark = SparkSession.builder()
                .appName("deltabridge-interop")
                .master("local[2]")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.datetime.java8API.enabled", "true")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.databricks.delta.snapshotPartitions", "2")
                .config("spark.sql.warehouse.dir", workDir + "/spark-warehouse")
                .config("spark.local.dir", workDir + "/spark-local")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
