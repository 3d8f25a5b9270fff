package io.deltabridge.core.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.defaults.engine.fileio.InputFile;
import io.delta.kernel.defaults.engine.hadoopio.HadoopFileIO;
import io.delta.kernel.defaults.internal.parquet.ParquetStatsReader;
import io.delta.kernel.engine.ParquetHandler;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.statistics.DataFileStatistics;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.FieldMetadata;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.delta.KernelIterators;
import io.deltabridge.core.vector.AllTypes;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.core.vector.KernelFiles;
import io.deltabridge.core.vector.TestValues;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The columnar writer against Kernel's default writer on the same batches (one reused {@link BatchBuilder}, as
 * kafka → delta feeds them, with selection vectors): the same rows read back by Kernel, the same statistics, the
 * same Parquet schema and codec; and Kernel's writer for every schema or setting the columnar one leaves to it.
 */
class ColumnarParquetWriterTest {
    /** The columns of {@link AllTypes} the columnar writer takes: every primitive type, arrays and maps of primitives. */
    private static final int[] COLUMNS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 20};

    private static final StructType FLAT =
            new StructType(Arrays.stream(COLUMNS).mapToObj(AllTypes.SCHEMA::at).toList());

    private static final List<Column> ALL_STATS =
            FLAT.fieldNames().stream().map(Column::new).collect(Collectors.toList());

    private static final String KERNEL_WRITER = "delta-kernel-default-parquet-writer";

    /** Settings the writers are compared under: Kernel's defaults, then small row groups, pages and dictionaries. */
    private static Configuration conf(String settings) {
        Configuration conf = new Configuration();
        if (!settings.isEmpty()) {
            for (String kv : settings.split(",")) {
                String[] p = kv.split("=");
                conf.set(p[0], p[1]);
            }
        }
        return conf;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "parquet.block.size=65536,parquet.page.size=8192,parquet.dictionary.page.size=4096,parquet.compression=SNAPPY",
                "parquet.writer.version=v2,parquet.enable.dictionary=false,parquet.compression=GZIP"
            })
    void flatBatchesGiveKernelsRowsAndStatistics(String settings, @TempDir Path dir) throws IOException {
        Configuration conf = conf(settings);
        List<List<Object>> rows = rows(20_000);

        List<DataFileStatus> kernel = write(kernelHandler(conf), dir.resolve("kernel"), FLAT, rows, ALL_STATS);
        List<DataFileStatus> columnar = write(columnarHandler(conf), dir.resolve("columnar"), FLAT, rows, ALL_STATS);

        assertEquals(1, kernel.size());
        assertEquals(1, columnar.size());
        assertEquals(selected(rows), read(columnar, FLAT));
        assertEquals(read(kernel, FLAT), read(columnar, FLAT));
        assertEquals(statsJson(kernel, FLAT), statsJson(columnar, FLAT));
        assertEquals(rowsInStats(kernel), rowsInStats(columnar));

        ParquetMetadata k = footer(kernel.get(0), conf);
        ParquetMetadata c = footer(columnar.get(0), conf);
        assertEquals(KERNEL_WRITER, writerName(kernel.get(0), conf));
        assertEquals(ColumnarFile.WRITER_NAME, writerName(columnar.get(0), conf));
        assertEquals(k.getFileMetaData().getSchema(), c.getFileMetaData().getSchema());
        assertEquals(codecs(k), codecs(c));
        if (!settings.isEmpty()) {
            assertTrue(
                    c.getBlocks().size() > 1 || !settings.contains("block.size"),
                    "row groups: " + c.getBlocks().size());
        }
    }

    @Test
    void columnMappingFieldIdsAreKernels(@TempDir Path dir) throws IOException {
        StructType mapped = withFieldIds(new StructType(FLAT.fields().subList(0, 15)));
        List<List<Object>> rows = rows(500).stream().map(r -> r.subList(0, 15)).toList();
        Configuration conf = new Configuration();

        List<DataFileStatus> kernel = write(kernelHandler(conf), dir.resolve("kernel"), mapped, rows, List.of());
        List<DataFileStatus> columnar = write(columnarHandler(conf), dir.resolve("columnar"), mapped, rows, List.of());

        assertEquals(ColumnarFile.WRITER_NAME, writerName(columnar.get(0), conf));
        assertEquals(
                footer(kernel.get(0), conf).getFileMetaData().getSchema(),
                footer(columnar.get(0), conf).getFileMetaData().getSchema());
        assertEquals(read(kernel, mapped), read(columnar, mapped));
        assertEquals(rowsInStats(kernel), rowsInStats(columnar));
    }

    @Test
    void fieldIdsKernelRefusesAreRefusedAsKernelDoes(@TempDir Path dir) {
        // a map under column mapping: Kernel's writer wants ids for its keys and values too
        StructType mapped = withFieldIds(FLAT);
        Configuration conf = new Configuration();
        List<List<Object>> rows = rows(10);

        IllegalArgumentException kernel = assertThrows(
                IllegalArgumentException.class,
                () -> write(kernelHandler(conf), dir.resolve("kernel"), mapped, rows, List.of()));
        IllegalArgumentException columnar = assertThrows(
                IllegalArgumentException.class,
                () -> write(columnarHandler(conf), dir.resolve("columnar"), mapped, rows, List.of()));
        assertEquals(kernel.getMessage(), columnar.getMessage());
    }

    /** {@code schema} as column mapping names and numbers its columns: physical names and field ids from 100. */
    private static StructType withFieldIds(StructType schema) {
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < schema.length(); i++) {
            StructField f = schema.at(i);
            FieldMetadata ids = FieldMetadata.builder()
                    .putLong(ColumnarSchema.FIELD_ID_KEY, 100 + i)
                    .putString("delta.columnMapping.physicalName", "col-" + i)
                    .build();
            fields.add(new StructField("col-" + i, f.getDataType(), f.isNullable(), ids));
        }
        return new StructType(fields);
    }

    private static String writerName(DataFileStatus file, Configuration conf) throws IOException {
        return footer(file, conf).getFileMetaData().getKeyValueMetaData().get(ParquetWriter.OBJECT_MODEL_NAME_PROP);
    }

    @Test
    void filesRollOverAtKernelsTargetSize(@TempDir Path dir) throws IOException {
        Configuration conf = conf("delta.kernel.default.parquet.writer.targetMaxFileSize=200000");
        List<List<Object>> rows = rows(20_000);

        List<DataFileStatus> kernel = write(kernelHandler(conf), dir.resolve("kernel"), FLAT, rows, ALL_STATS);
        List<DataFileStatus> columnar = write(columnarHandler(conf), dir.resolve("columnar"), FLAT, rows, ALL_STATS);

        assertTrue(kernel.size() > 1, "kernel files: " + kernel.size());
        // the columnar writer checks the size every run of rows, Kernel's every row: at most a run apart per file
        assertTrue(Math.abs(kernel.size() - columnar.size()) <= 1, kernel.size() + " vs " + columnar.size());
        assertEquals(selected(rows), read(columnar, FLAT));
        for (DataFileStatus file : columnar) {
            assertEquals(
                    read(List.of(file), FLAT).size(),
                    file.getStatistics().orElseThrow().getNumRecords());
            assertTrue(file.getSize() < 200_000 * 2, "file of " + file.getSize() + " bytes");
        }
    }

    /**
     * The statistics come from the footer as it was written, not from the file read back: on an object store that
     * read is one more request per file (2,000 per flush into a table of 2,000 partitions).
     */
    @Test
    void statisticsComeFromTheFooterWrittenWithoutReadingTheFile(@TempDir Path dir) throws IOException {
        Configuration conf = conf("delta.kernel.default.parquet.writer.targetMaxFileSize=200000");
        AtomicInteger opened = new AtomicInteger();
        HadoopFileIO counting = new HadoopFileIO(conf) {
            @Override
            public InputFile newInputFile(String path, long length) {
                opened.incrementAndGet();
                return super.newInputFile(path, length);
            }
        };
        List<List<Object>> rows = rows(20_000);

        List<DataFileStatus> kernel = write(kernelHandler(conf), dir.resolve("kernel"), FLAT, rows, ALL_STATS);
        List<DataFileStatus> columnar = write(
                new ColumnarParquetHandler(kernelHandler(conf), conf, counting),
                dir.resolve("columnar"),
                FLAT,
                rows,
                ALL_STATS);

        assertTrue(columnar.size() > 1, "files: " + columnar.size());
        assertEquals(0, opened.get(), "files opened to read their statistics");
        assertEquals(read(kernel, FLAT), read(columnar, FLAT));
        for (DataFileStatus file : columnar) {
            // what Kernel's own reader finds in the file on disk
            DataFileStatistics stored = ParquetStatsReader.readDataFileStatistics(
                    new HadoopFileIO(conf).newInputFile(file.getPath(), file.getSize()), FLAT, ALL_STATS);
            assertEquals(
                    stored.serializeAsJson(FLAT),
                    file.getStatistics().orElseThrow().serializeAsJson(FLAT));
        }
    }

    @Test
    void theBridgesEnginesWriteColumnar(@TempDir Path dir) throws IOException {
        List<DataFileStatus> files =
                write(DeltaEngines.create(Map.of()).getParquetHandler(), dir, FLAT, rows(100), ALL_STATS);

        assertEquals(ColumnarFile.WRITER_NAME, writerName(files.get(0), new Configuration()));
    }

    @Test
    void nestedSchemasAreLeftToKernel(@TempDir Path dir) throws IOException {
        Configuration conf = new Configuration();
        List<DataFileStatus> files =
                write(columnarHandler(conf), dir, AllTypes.SCHEMA, AllTypes.rows(), List.of(new Column("id")));

        assertEquals(KERNEL_WRITER, writerName(files.get(0), conf));
        assertEquals(AllTypes.rows(), read(files, AllTypes.SCHEMA));
    }

    @Test
    void thePropertyTurnsTheColumnarWriterOff(@TempDir Path dir) throws IOException {
        Configuration conf = new Configuration();
        System.setProperty(ColumnarWrite.PROPERTY, "false");
        List<DataFileStatus> files;
        try {
            files = write(columnarHandler(conf), dir, FLAT, rows(100), ALL_STATS);
        } finally {
            System.clearProperty(ColumnarWrite.PROPERTY);
        }
        assertEquals(KERNEL_WRITER, writerName(files.get(0), conf));
    }

    @Test
    void aBatchWithNoSelectedRowGivesAnEmptyFileAsKernels(@TempDir Path dir) throws IOException {
        Configuration conf = new Configuration();
        List<List<Object>> none = List.of();
        List<DataFileStatus> kernel = writeUnselected(kernelHandler(conf), dir.resolve("kernel"));
        List<DataFileStatus> columnar = writeUnselected(columnarHandler(conf), dir.resolve("columnar"));

        assertEquals(kernel.size(), columnar.size());
        assertEquals(none, read(columnar, FLAT));
        assertEquals(statsJson(kernel, FLAT), statsJson(columnar, FLAT));
    }

    private static List<DataFileStatus> writeUnselected(ParquetHandler handler, Path dir) throws IOException {
        BatchBuilder b = new BatchBuilder(FLAT);
        rows(10).forEach(r -> TestValues.appendRow(b, r));
        FilteredColumnarBatch batch = new FilteredColumnarBatch(b.build(), Optional.of(new Selection(new boolean[10])));
        return collect(handler.writeParquetFiles(dir.toUri().toString(), KernelIterators.single(batch), ALL_STATS));
    }

    private static ParquetHandler kernelHandler(Configuration conf) {
        return DefaultEngine.create(conf).getParquetHandler();
    }

    private static ParquetHandler columnarHandler(Configuration conf) {
        return new ColumnarParquetHandler(kernelHandler(conf), conf, new HadoopFileIO(conf));
    }

    /**
     * Writes {@code rows} in batches of 4,096 built by one builder that each next batch resets (so a writer that kept
     * a value past its batch would see it overwritten), every third batch with a selection that drops every 7th row.
     */
    private static List<DataFileStatus> write(
            ParquetHandler handler, Path dir, StructType schema, List<List<Object>> rows, List<Column> stats)
            throws IOException {
        Files.createDirectories(dir);
        return collect(handler.writeParquetFiles(dir.toUri().toString(), new ReusedBatches(schema, rows), stats));
    }

    private static List<DataFileStatus> collect(CloseableIterator<DataFileStatus> files) throws IOException {
        List<DataFileStatus> out = new ArrayList<>();
        try (files) {
            files.forEachRemaining(out::add);
        }
        return out;
    }

    private static final int BATCH = 4096;

    private static boolean dropped(int row) {
        return (row / BATCH) % 3 == 1 && row % 7 == 0;
    }

    private static List<List<Object>> selected(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!dropped(i)) {
                out.add(rows.get(i));
            }
        }
        return out;
    }

    private static final class ReusedBatches implements CloseableIterator<FilteredColumnarBatch> {
        private final BatchBuilder builder;
        private final List<List<Object>> rows;
        private int next;

        ReusedBatches(StructType schema, List<List<Object>> rows) {
            this.builder = new BatchBuilder(schema);
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            return next < rows.size();
        }

        @Override
        public FilteredColumnarBatch next() {
            builder.reset();
            int first = next;
            int end = Math.min(rows.size(), first + BATCH);
            boolean[] keep = new boolean[end - first];
            boolean filtered = false;
            for (int i = first; i < end; i++) {
                TestValues.appendRow(builder, rows.get(i));
                keep[i - first] = !dropped(i);
                filtered |= dropped(i);
            }
            next = end;
            return new FilteredColumnarBatch(
                    builder.build(), filtered ? Optional.of(new Selection(keep)) : Optional.empty());
        }

        @Override
        public void close() {}
    }

    /** A selection vector over a boolean array. */
    private record Selection(boolean[] keep) implements ColumnVector {
        @Override
        public DataType getDataType() {
            return BooleanType.BOOLEAN;
        }

        @Override
        public int getSize() {
            return keep.length;
        }

        @Override
        public boolean isNullAt(int rowId) {
            return false;
        }

        @Override
        public boolean getBoolean(int rowId) {
            return keep[rowId];
        }

        @Override
        public void close() {}
    }

    /** The {@link AllTypes} edge rows, then random rows: nulls, every sign, strings of every length and script. */
    private static List<List<Object>> rows(int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> edge : AllTypes.rows()) {
            rows.add(Arrays.stream(COLUMNS).mapToObj(edge::get).collect(Collectors.toList()));
        }
        Random random = new Random(42);
        String[] words = {"a", "Zürich", "東京", "🚀", "x".repeat(40), "naïve", "", "z"};
        for (int i = rows.size(); i < count; i++) {
            List<Object> row = new ArrayList<>();
            row.add(i);
            row.add(nullOr(random, random.nextBoolean()));
            row.add(nullOr(random, (byte) random.nextInt()));
            row.add(nullOr(random, (short) random.nextInt()));
            row.add(nullOr(random, random.nextInt()));
            row.add(nullOr(random, random.nextLong()));
            row.add(nullOr(random, random.nextFloat() * 1000 - 500));
            row.add(nullOr(random, random.nextGaussian() * 1e6));
            row.add(nullOr(random, BigDecimal.valueOf(random.nextInt(), 2)));
            row.add(nullOr(
                    random,
                    new BigDecimal(
                            new java.math.BigInteger(120, random).subtract(java.math.BigInteger.ONE.shiftLeft(119)),
                            18)));
            StringBuilder s = new StringBuilder();
            for (int w = random.nextInt(6); w > 0; w--) {
                s.append(words[random.nextInt(words.length)]).append(random.nextInt(i + 1));
            }
            row.add(nullOr(random, s.toString()));
            byte[] bytes = new byte[random.nextInt(20)];
            random.nextBytes(bytes);
            row.add(nullOr(random, ByteBuffer.wrap(bytes)));
            row.add(nullOr(random, random.nextInt(100_000) - 50_000));
            row.add(nullOr(random, random.nextLong() / 1000));
            row.add(nullOr(random, random.nextLong() / 1000));
            row.add(nullOr(random, array(random, () -> nullOr(random, random.nextInt()))));
            row.add(nullOr(
                    random,
                    map(random, () -> words[random.nextInt(words.length)], () -> nullOr(random, random.nextLong()))));
            row.add(nullOr(
                    random, map(random, random::nextInt, () -> nullOr(random, words[random.nextInt(words.length)]))));
            rows.add(row);
        }
        return rows;
    }

    /** An array of 0 to 3 elements. */
    private static List<Object> array(Random random, Supplier<Object> element) {
        List<Object> elements = new ArrayList<>();
        for (int e = random.nextInt(4); e > 0; e--) {
            elements.add(element.get());
        }
        return elements;
    }

    /** A map of 0 to 3 entries (later keys may repeat earlier ones: kept, as the builders keep them). */
    private static List<Object> map(Random random, Supplier<Object> key, Supplier<Object> value) {
        List<Object> entries = new ArrayList<>();
        for (int e = random.nextInt(4); e > 0; e--) {
            entries.add(TestValues.entry(key.get(), value.get()));
        }
        return entries;
    }

    private static Object nullOr(Random random, Object value) {
        return random.nextInt(10) == 0 ? null : value;
    }

    private static List<List<Object>> read(List<DataFileStatus> files, StructType schema) throws IOException {
        List<List<Object>> out = new ArrayList<>();
        for (ColumnarBatch batch : KernelFiles.read(files, schema)) {
            out.addAll(TestValues.rows(batch));
        }
        return out;
    }

    private static List<String> statsJson(List<DataFileStatus> files, StructType schema) {
        return files.stream()
                .map(f -> f.getStatistics().orElseThrow().serializeAsJson(schema))
                .toList();
    }

    private static long rowsInStats(List<DataFileStatus> files) {
        return files.stream()
                .mapToLong(f -> f.getStatistics().orElseThrow().getNumRecords())
                .sum();
    }

    private static ParquetMetadata footer(DataFileStatus file, Configuration conf) throws IOException {
        try (ParquetFileReader reader =
                ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.getPath()), conf))) {
            return reader.getFooter();
        }
    }

    private static Map<String, String> codecs(ParquetMetadata footer) {
        BlockMetaData first = footer.getBlocks().get(0);
        return first.getColumns().stream()
                .collect(Collectors.toMap(
                        c -> c.getPath().toDotString(),
                        (ColumnChunkMetaData c) -> c.getCodec().name()));
    }
}
