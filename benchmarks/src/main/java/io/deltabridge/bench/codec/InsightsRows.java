package io.deltabridge.bench.codec;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import io.deltabridge.core.delta.KernelIterators;
import io.deltabridge.core.schema.DdlParser;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.core.vector.ColumnBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;

/**
 * Rows shaped like the peer benchmark's "insights" table (shared/peer-bench/README.md), as Kernel's
 * Parquet reader returns them: built, written with Kernel and read back, so the encoder sees the
 * same vector classes as in delta → kafka.
 */
final class InsightsRows {
    static final StructType SCHEMA = DdlParser.parse("id BIGINT, customer_id STRING, segment STRING, score DOUBLE, "
            + "churn_risk DECIMAL(5,4), updated_at TIMESTAMP, features ARRAY<DOUBLE>, attributes MAP<STRING,STRING>, "
            + "country STRING, tenure INT, active BOOLEAN, version INT");
    private static final String[] SEGMENTS = {"smb", "enterprise", "consumer", "midmarket"};
    private static final String[] SOURCES = {"web", "app", "store"};
    private static final String[] GEOS = {"apac", "emea", "amer"};
    private static final String[] TIERS = {"bronze", "silver", "gold"};
    private static final String[] COUNTRIES = {"FR", "DE", "US", "JP", "BR", "IN"};

    private InsightsRows() {}

    static ColumnarBatch readBack(int rows, Path dir) throws IOException {
        Engine engine = DefaultEngine.create(new Configuration());
        List<DataFileStatus> files = new ArrayList<>();
        try (CloseableIterator<DataFileStatus> it = engine.getParquetHandler()
                .writeParquetFiles(
                        dir.toUri().toString(),
                        KernelIterators.of(List.of(new FilteredColumnarBatch(build(rows), Optional.empty()))),
                        List.of())) {
            it.forEachRemaining(files::add);
        }
        try (CloseableIterator<FileReadResult> it = engine.getParquetHandler()
                .readParquetFiles(KernelIterators.of(new ArrayList<FileStatus>(files)), SCHEMA, Optional.empty())) {
            if (!it.hasNext()) {
                throw new IllegalStateException("Kernel read no batch back from " + files);
            }
            ColumnarBatch batch = it.next().getData();
            if (batch.getSize() != rows) {
                throw new IllegalStateException("read " + batch.getSize() + " rows, wrote " + rows);
            }
            return batch;
        }
    }

    static ColumnarBatch build(int rows) {
        SplittableRandom r = new SplittableRandom(42);
        BatchBuilder b = new BatchBuilder(SCHEMA);
        for (int i = 0; i < rows; i++) {
            long id = 1 + r.nextLong(1_000_000);
            b.startRow();
            b.column(0).appendLong(id);
            b.column(1).appendString("C" + id);
            b.column(2).appendString(SEGMENTS[r.nextInt(SEGMENTS.length)]);
            b.column(3).appendDouble(r.nextInt(1000) / 1000.0);
            b.column(4).appendDecimalUnscaled(r.nextInt(10_000));
            b.column(5).appendTimestamp(1_767_225_600_000_000L + r.nextLong(31_536_000L) * 1_000_000L);
            ColumnBuilder features = b.column(6);
            features.beginArray();
            for (int f = 0; f < 8; f++) {
                features.elements().appendDouble(r.nextInt(100) / 100.0);
            }
            features.endArray();
            ColumnBuilder attributes = b.column(7);
            attributes.beginMap();
            attributes.keys().appendString("src");
            attributes.values().appendString(SOURCES[r.nextInt(SOURCES.length)]);
            attributes.keys().appendString("geo");
            attributes.values().appendString(GEOS[r.nextInt(GEOS.length)]);
            attributes.keys().appendString("tier");
            attributes.values().appendString(TIERS[r.nextInt(TIERS.length)]);
            attributes.endMap();
            b.column(8).appendString(COUNTRIES[r.nextInt(COUNTRIES.length)]);
            b.column(9).appendInt(r.nextInt(121));
            b.column(10).appendBoolean(r.nextBoolean());
            b.column(11).appendInt(1 + r.nextInt(3));
            b.commitRow();
        }
        return b.build();
    }
}
