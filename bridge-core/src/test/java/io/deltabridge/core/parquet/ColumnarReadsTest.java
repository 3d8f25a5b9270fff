package io.deltabridge.core.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MetadataColumnSpec;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The columnar read path against Kernel's default reader on files written by parquet-mr with every primitive type
 * and its Parquet encodings: nulls, dictionary and plain pages (and both in one column chunk), several row groups,
 * batches across row-group boundaries, the row-index column, columns missing in the file, and what falls back.
 */
class ColumnarReadsTest {
    private static final int ROWS = 5_000;

    private static final MessageType FILE_SCHEMA = MessageTypeParser.parseMessageType("""
            message spark_schema {
              required int64 id;
              optional boolean b;
              optional int32 i8 (INTEGER(8,true));
              optional int32 i16 (INTEGER(16,true));
              optional int32 i32;
              optional int64 i64;
              optional float f;
              optional double d;
              optional binary city (STRING);
              optional binary note (STRING);
              optional binary bin;
              optional int32 day (DATE);
              optional int64 ts (TIMESTAMP(MICROS,true));
              optional int64 ntz (TIMESTAMP(MICROS,false));
              optional int64 ts_ms (TIMESTAMP(MILLIS,true));
              optional int96 ts96;
              optional int32 dec9 (DECIMAL(9,2));
              optional int64 dec18 (DECIMAL(18,4));
              optional fixed_len_byte_array(16) dec38 (DECIMAL(38,18));
              optional binary decbin (DECIMAL(20,3));
            }
            """);

    private static final StructType SCHEMA = new StructType()
            .add("id", LongType.LONG, false)
            .add("b", BooleanType.BOOLEAN)
            .add("i8", ByteType.BYTE)
            .add("i16", ShortType.SHORT)
            .add("i32", IntegerType.INTEGER)
            .add("i64", LongType.LONG)
            .add("f", FloatType.FLOAT)
            .add("d", DoubleType.DOUBLE)
            .add("city", StringType.STRING)
            .add("note", StringType.STRING)
            .add("bin", BinaryType.BINARY)
            .add("day", DateType.DATE)
            .add("ts", TimestampType.TIMESTAMP)
            .add("ntz", TimestampNTZType.TIMESTAMP_NTZ)
            .add("ts_ms", TimestampType.TIMESTAMP)
            .add("ts96", TimestampType.TIMESTAMP)
            .add("dec9", new DecimalType(9, 2))
            .add("dec18", new DecimalType(18, 4))
            .add("dec38", new DecimalType(38, 18))
            .add("decbin", new DecimalType(20, 3));

    @TempDir
    Path dir;

    @Test
    void dictionaryPagesReadAsKernelReadsThem() throws IOException {
        FileStatus file = write("dictionary.parquet", true, 1 << 20);
        assertTrue(encodings(file, "city").contains(Encoding.PLAIN_DICTIONARY), "city is dictionary-encoded");
        assertSameAsKernel(List.of(file), SCHEMA, 1024);
    }

    @Test
    void plainPagesReadAsKernelReadsThem() throws IOException {
        FileStatus file = write("plain.parquet", false, 1 << 20);
        assertFalse(encodings(file, "city").contains(Encoding.PLAIN_DICTIONARY), "city is plain");
        assertSameAsKernel(List.of(file), SCHEMA, 1024);
    }

    @Test
    void aChunkWhoseDictionaryOverflowsMixesDictionaryAndPlainPages() throws IOException {
        FileStatus file = write("mixed.parquet", true, 1 << 20);
        Set<Encoding> note = encodings(file, "note");
        assertTrue(note.contains(Encoding.PLAIN_DICTIONARY) && note.contains(Encoding.PLAIN), "note: " + note);
        assertSameAsKernel(List.of(file), SCHEMA, 1024);
    }

    @Test
    void batchesSpanRowGroupsAndStopAtTheBatchSize() throws IOException {
        FileStatus file = write("groups.parquet", true, 16 * 1024);
        assertTrue(rowGroups(file) >= 4, "several row groups: " + rowGroups(file));
        StructType withRowIndex = SCHEMA.add(StructField.DEFAULT_ROW_INDEX_COLUMN);
        for (int batchSize : new int[] {1, 7, 1000, 8192}) {
            ParquetReads.Outcome columnar = assertSameAsKernel(List.of(file, file), withRowIndex, batchSize);
            assertTrue(
                    columnar.batchSizes().stream().allMatch(n -> n <= batchSize),
                    columnar.batchSizes().toString());
            List<Object> rowIndexes =
                    columnar.rows().stream().map(r -> r.get(r.size() - 1)).toList();
            List<Object> expected = new ArrayList<>();
            for (int copy = 0; copy < 2; copy++) {
                IntStream.range(0, ROWS).forEach(i -> expected.add((long) i));
            }
            assertEquals(expected, rowIndexes);
        }
    }

    @Test
    void valuesAreTheOnesWritten() throws IOException {
        FileStatus file = write("values.parquet", true, 16 * 1024);
        Configuration conf = ParquetReads.conf(333);
        List<List<Object>> rows =
                ParquetReads.columnar(conf, List.of(file), SCHEMA).rows();
        assertEquals(ROWS, rows.size());
        for (int i = 0; i < ROWS; i++) {
            List<Object> row = rows.get(i);
            assertEquals((long) i, row.get(0));
            assertEquals(isNull(i, 8) ? null : "city-" + i % 10, row.get(8));
            assertEquals(isNull(i, 15) ? null : micros(i), row.get(15), "ts96 of row " + i);
            assertEquals(isNull(i, 18) ? null : dec38(i), row.get(18), "dec38 of row " + i);
            assertEquals(isNull(i, 2) ? null : (byte) (i - 128), row.get(2));
        }
    }

    @Test
    void columnsTheFileLacksReadAsNullAndNamesMatchIgnoringCase() throws IOException {
        FileStatus file = write("missing.parquet", true, 1 << 20);
        StructType schema = new StructType()
                .add("ID", LongType.LONG)
                .add("added_later", DoubleType.DOUBLE)
                .add("city", StringType.STRING);
        ParquetReads.Outcome columnar = assertSameAsKernel(List.of(file), schema, 1024);
        assertTrue(columnar.rows().stream().allMatch(r -> r.get(1) == null));
        assertEquals(0L, columnar.rows().get(0).get(0));
    }

    @Test
    void readsTheColumnarPathDoesNotTakeGoToKernel() throws IOException {
        ColumnarReads reads =
                new ColumnarReads(ParquetReads.conf(1024), ParquetReads.kernelDefault(new Configuration()));
        assertTrue(reads.takes(SCHEMA, Optional.empty()));
        Predicate idIsOne = new Predicate("=", new Column("id"), Literal.ofLong(1));
        assertFalse(reads.takes(SCHEMA, Optional.of(idIsOne)), "a predicate prunes row groups in Kernel's reader");
        StructType tags = new StructType().add("tags", new ArrayType(StringType.STRING, true));
        assertFalse(reads.takes(tags, Optional.empty()), "no primitive column");
        assertTrue(reads.takes(SCHEMA.add(tags.at(0)), Optional.empty()), "with a nested column");
        assertFalse(reads.takes(
                SCHEMA.add(StructField.createMetadataColumn("_row_id", MetadataColumnSpec.ROW_ID)), Optional.empty()));
        System.setProperty(ColumnarReads.ENABLED_PROPERTY, "false");
        try {
            assertFalse(reads.takes(SCHEMA, Optional.empty()), "switched off");
        } finally {
            System.clearProperty(ColumnarReads.ENABLED_PROPERTY);
        }
        // a file whose Parquet type is not the one the decoders know for the Delta type: Kernel reads that file
        FileStatus file = write("widened.parquet", true, 1 << 20);
        StructType widened = new StructType().add("i32", LongType.LONG).add("city", StringType.STRING);
        assertTrue(ColumnPlan.of(widened, FILE_SCHEMA, null).isEmpty());
        Configuration conf = ParquetReads.conf(1024);
        assertEquals(
                ParquetReads.kernel(conf, List.of(file), widened),
                ParquetReads.collect(new ColumnarReads(conf, ParquetReads.kernelDefault(conf))
                        .read(io.deltabridge.core.delta.KernelIterators.of(List.of(file)), widened)));
    }

    /** Reads through both paths (the columnar one must not fall back) and asserts batches and values are the same. */
    private static ParquetReads.Outcome assertSameAsKernel(List<FileStatus> files, StructType schema, int batchSize) {
        Configuration conf = ParquetReads.conf(batchSize);
        ParquetReads.Outcome kernel = ParquetReads.kernel(conf, files, schema);
        ParquetReads.Outcome columnar = ParquetReads.columnar(conf, files, schema);
        assertEquals(kernel.batchFiles(), columnar.batchFiles());
        assertEquals(kernel.batchSizes(), columnar.batchSizes());
        assertEquals(files.size() * ROWS, columnar.rows().size());
        for (int i = 0; i < kernel.rows().size(); i++) {
            assertEquals(kernel.rows().get(i), columnar.rows().get(i), "row " + i);
        }
        return columnar;
    }

    /** Column {@code c} of row {@code i} is null on a diagonal pattern (column 0, the id, never). */
    private static boolean isNull(int i, int c) {
        return c > 0 && (i + c) % 7 == 0;
    }

    private static long micros(int i) {
        return (i - 2_500L) * 86_400_000_123L + 456;
    }

    private static BigDecimal dec38(int i) {
        return new BigDecimal(
                BigInteger.TEN.pow(37).subtract(BigInteger.valueOf(i)).negate(), 18);
    }

    /**
     * {@code ROWS} rows; city has 10 values (a small dictionary), note 50 values for 2,000 rows, then unique values (its dictionary outgrows
     * the 4 KiB dictionary page limit, so parquet-mr falls back to plain pages mid-chunk).
     */
    private FileStatus write(String name, boolean dictionary, int rowGroupBytes) throws IOException {
        return ParquetReads.write(
                dir.resolve(name), FILE_SCHEMA, ROWS, dictionary, rowGroupBytes, ColumnarReadsTest::row);
    }

    private static Group row(Group g, int i) {
        g.add("id", (long) i);
        addUnlessNull(g, i, 1, () -> g.add("b", i % 3 == 0));
        addUnlessNull(g, i, 2, () -> g.add("i8", i % 256 - 128));
        addUnlessNull(g, i, 3, () -> g.add("i16", i * 13 % 65536 - 32768));
        addUnlessNull(g, i, 4, () -> g.add("i32", i % 2 == 0 ? Integer.MIN_VALUE + i : Integer.MAX_VALUE - i));
        addUnlessNull(g, i, 5, () -> g.add("i64", i % 2 == 0 ? Long.MIN_VALUE + i : Long.MAX_VALUE - i));
        addUnlessNull(g, i, 6, () -> g.add("f", i % 5 == 0 ? Float.NaN : i % 5 == 1 ? -0.0f : 1.1f * i));
        addUnlessNull(g, i, 7, () -> g.add("d", i % 5 == 0 ? Double.NEGATIVE_INFINITY : 1e-300 * i));
        addUnlessNull(g, i, 8, () -> g.add("city", "city-" + i % 10));
        addUnlessNull(g, i, 9, () -> g.add("note", i < 2_000 ? "Zürich 🚀 " + i % 50 : "unique note number " + i));
        addUnlessNull(g, i, 10, () -> g.add("bin", Binary.fromConstantByteArray(new byte[] {0, (byte) i, -1})));
        addUnlessNull(g, i, 11, () -> g.add("day", i - 2_500));
        addUnlessNull(g, i, 12, () -> g.add("ts", micros(i)));
        addUnlessNull(g, i, 13, () -> g.add("ntz", -micros(i)));
        addUnlessNull(g, i, 14, () -> g.add("ts_ms", micros(i) / 1000));
        addUnlessNull(g, i, 15, () -> g.add("ts96", int96(micros(i))));
        addUnlessNull(g, i, 16, () -> g.add("dec9", -i * 1001));
        addUnlessNull(g, i, 17, () -> g.add("dec18", (long) i * 1_000_000_007L));
        addUnlessNull(g, i, 18, () -> g.add("dec38", fixed16(dec38(i).unscaledValue())));
        addUnlessNull(
                g,
                i,
                19,
                () -> g.add(
                        "decbin",
                        Binary.fromConstantByteArray(
                                BigInteger.valueOf(i).pow(3).negate().toByteArray())));
        return g;
    }

    private static void addUnlessNull(Group g, int i, int column, Runnable add) {
        if (!isNull(i, column)) {
            add.run();
        }
    }

    /** INT96 as Spark writes it: nanoseconds of the day, then the Julian day, little-endian. */
    private static Binary int96(long micros) {
        long day = Math.floorDiv(micros, 86_400_000_000L);
        long nanos = Math.floorMod(micros, 86_400_000_000L) * 1000;
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(nanos).putInt((int) (day + 2_440_588));
        return Binary.fromConstantByteArray(b.array());
    }

    private static Binary fixed16(BigInteger unscaled) {
        byte[] bytes = unscaled.toByteArray();
        byte[] out = new byte[16];
        byte pad = (byte) (unscaled.signum() < 0 ? -1 : 0);
        java.util.Arrays.fill(out, 0, 16 - bytes.length, pad);
        System.arraycopy(bytes, 0, out, 16 - bytes.length, bytes.length);
        return Binary.fromConstantByteArray(out);
    }

    private static ParquetMetadata footer(FileStatus file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(
                HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.getPath()), new Configuration()))) {
            return reader.getFooter();
        }
    }

    private static int rowGroups(FileStatus file) throws IOException {
        return footer(file).getBlocks().size();
    }

    private static Set<Encoding> encodings(FileStatus file, String column) throws IOException {
        return footer(file).getBlocks().stream()
                .flatMap(b -> b.getColumns().stream())
                .filter(c -> c.getPath().toDotString().equals(column))
                .map(ColumnChunkMetaData::getEncodings)
                .flatMap(Set::stream)
                .collect(Collectors.toSet());
    }
}
