package io.deltabridge.core.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arrays and maps of primitives read column-wise ({@link CollectionDecoders}) against Kernel's default reader, on a
 * file written by parquet-mr: null, empty and long collections (the element arrays grow within a batch), null
 * elements and values, required and optional lists, dictionary-encoded strings, several row groups and batches across
 * them; a list in Spark's legacy layout ({@code repeated group bag}) stays with Kernel's reader, beside the others.
 */
class CollectionReadsTest {
    private static final int ROWS = 3_000;

    private static final MessageType FILE_SCHEMA = MessageTypeParser.parseMessageType("""
            message spark_schema {
              required int64 id;
              optional group nums (LIST) { repeated group list { optional double element; } }
              optional group tags (LIST) { repeated group list { required binary element (STRING); } }
              required group ids (LIST) { repeated group list { required int64 element; } }
              optional group attrs (MAP) {
                repeated group key_value { required binary key (STRING); optional binary value (STRING); }
              }
              optional group counts (MAP) { repeated group key_value { required int32 key; required int64 value; } }
              optional group legacy (LIST) { repeated group bag { optional int32 array; } }
            }
            """);

    private static final StructType STANDARD = new StructType()
            .add("id", LongType.LONG, false)
            .add("nums", new ArrayType(DoubleType.DOUBLE, true))
            .add("tags", new ArrayType(StringType.STRING, false))
            .add("ids", new ArrayType(LongType.LONG, false), false)
            .add("attrs", new MapType(StringType.STRING, StringType.STRING, true))
            .add("counts", new MapType(IntegerType.INTEGER, LongType.LONG, false));

    private static final StructType WITH_LEGACY = STANDARD.add("legacy", new ArrayType(IntegerType.INTEGER, false));

    @TempDir
    Path dir;

    @Test
    void arraysAndMapsReadAsKernelReadsThem() throws IOException {
        FileStatus file = write("collections.parquet", 16 * 1024);
        assertTrue(rowGroups(file) >= 4, "several row groups: " + rowGroups(file));
        for (StructType schema : List.of(STANDARD, WITH_LEGACY)) {
            for (int batchSize : new int[] {1, 7, 1000, 8192}) {
                Configuration conf = ParquetReads.conf(batchSize);
                ParquetReads.Outcome kernel = ParquetReads.kernel(conf, List.of(file, file), schema);
                ParquetReads.Outcome columnar = ParquetReads.columnar(conf, List.of(file, file), schema);
                assertEquals(kernel.batchSizes(), columnar.batchSizes());
                assertEquals(2 * ROWS, columnar.rows().size());
                for (int i = 0; i < kernel.rows().size(); i++) {
                    assertEquals(
                            kernel.rows().get(i), columnar.rows().get(i), "row " + i + ", batch size " + batchSize);
                }
            }
        }
    }

    @Test
    void standardListsAndMapsAreReadColumnWiseAndLegacyListsByKernel() {
        NestedColumns standard = new NestedColumns(null, null);
        assertTrue(ColumnPlan.of(STANDARD, FILE_SCHEMA, standard).isPresent());
        assertTrue(standard.isEmpty(), "no column left to Kernel's reader");

        NestedColumns legacy = new NestedColumns(null, null);
        assertTrue(ColumnPlan.of(WITH_LEGACY, FILE_SCHEMA, legacy).isPresent());
        assertFalse(legacy.isEmpty(), "the legacy list goes to Kernel's reader");
    }

    /** Row i: {@code nums} null every 11th row, else i % 40 elements (every 5th null); the others alike. */
    private FileStatus write(String name, int rowGroupBytes) throws IOException {
        return ParquetReads.write(dir.resolve(name), FILE_SCHEMA, ROWS, true, rowGroupBytes, CollectionReadsTest::row);
    }

    private static Group row(Group g, int i) {
        g.add("id", (long) i);
        if (i % 11 != 0) {
            Group nums = g.addGroup("nums");
            for (int e = 0; e < i % 40; e++) {
                Group element = nums.addGroup("list");
                if (e % 5 != 4) {
                    element.add("element", i + e / 10.0);
                }
            }
        }
        if (i % 13 != 0) {
            Group tags = g.addGroup("tags");
            for (int e = 0; e < i % 3; e++) {
                tags.addGroup("list").add("element", "tag-" + (i + e) % 7);
            }
        }
        Group ids = g.addGroup("ids");
        for (int e = 0; e < i % 4; e++) {
            ids.addGroup("list").add("element", (long) i * e);
        }
        if (i % 17 != 0) {
            Group attrs = g.addGroup("attrs");
            for (int e = 0; e < i % 5; e++) {
                Group entry = attrs.addGroup("key_value");
                entry.add("key", "k" + e);
                if ((i + e) % 3 != 0) {
                    entry.add("value", "v-" + (i * e) % 9);
                }
            }
        }
        if (i % 2 == 0) {
            Group counts = g.addGroup("counts");
            for (int e = 0; e < i % 3; e++) {
                Group entry = counts.addGroup("key_value");
                entry.add("key", e);
                entry.add("value", (long) i << e);
            }
        }
        if (i % 7 != 0) {
            Group legacy = g.addGroup("legacy");
            for (int e = 0; e < i % 3; e++) {
                legacy.addGroup("bag").add("array", i + e);
            }
        }
        return g;
    }

    private static int rowGroups(FileStatus file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(
                HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.getPath()), new Configuration()))) {
            return reader.getFooter().getBlocks().size();
        }
    }
}
