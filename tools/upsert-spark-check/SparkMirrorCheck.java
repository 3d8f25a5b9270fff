import java.io.File;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** For each DIR/<case>/{source/<scenario>/table, mirror}: Spark reads both; the mirror's data columns must equal the source's rows. */
public class SparkMirrorCheck {
    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().master("local[1]").appName("mirror-check")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC").getOrCreate();
        int bad = 0;
        for (File c : new File(args[0]).listFiles()) {
            Dataset<Row> sourceRows = spark.read().format("delta").load(c + "/source/" + c.getName().substring(0, c.getName().lastIndexOf('-')) + "/table");
            Column[] columns = Arrays.stream(sourceRows.columns()).map(Column::new).toArray(Column[]::new);
            // as JSON text: set operations do not take map columns
            Dataset<Row> source = sourceRows.select(org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.struct(columns)));
            Dataset<Row> mirror = spark.read().format("delta").load(c + "/mirror")
                    .select(org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.struct(columns)));
            long s = source.count(), m = mirror.count();
            long missing = source.exceptAll(mirror).count(), extra = mirror.exceptAll(source).count();
            boolean ok = s == m && missing == 0 && extra == 0;
            bad += ok ? 0 : 1;
            System.out.printf("%s: source %d rows, mirror %d rows, missing %d, extra %d: %s%n", c.getName(), s, m, missing, extra, ok ? "IDENTICAL" : "DIFFERENT");
        }
        spark.stop();
        System.exit(bad);
    }
}
