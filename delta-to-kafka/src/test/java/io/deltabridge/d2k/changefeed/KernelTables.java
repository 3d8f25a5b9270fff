package io.deltabridge.d2k.changefeed;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.FieldMetadata;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.deltabridge.core.delta.KernelIterators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Writes change-feed tables with Delta Kernel for tests: {@code id BIGINT, name STRING}, appends only. */
final class KernelTables {
    static final StructType SCHEMA =
            new StructType().add("id", LongType.LONG, false).add("name", StringType.STRING, true);

    private final Engine engine;
    private final String path;

    private KernelTables(Engine engine, String path) {
        this.engine = engine;
        this.path = path;
    }

    /** Creates the table (version 0, no rows) with the change data feed on and the given properties. */
    static KernelTables create(Engine engine, String path, Map<String, String> properties) {
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.put("delta.enableChangeDataFeed", "true");
        Transaction txn = TableManager.buildCreateTableTransaction(path, SCHEMA, "deltabridge-test")
                .withTableProperties(all)
                .build(engine);
        KernelTables tables = new KernelTables(engine, path);
        tables.commit(txn, List.of());
        return tables;
    }

    /** Appends one commit with one data file per entry of {@code fileSizes}: ids from {@code firstId} on. Returns the version. */
    long append(long firstId, int... fileSizes) {
        Transaction txn = TableManager.loadSnapshot(path)
                .build(engine)
                .buildUpdateTableTransaction("deltabridge-test", Operation.WRITE)
                .build(engine);
        Row state = txn.getTransactionState(engine);
        DataWriteContext context = Transaction.getWriteContext(engine, state, Map.of());
        List<Row> actions = new ArrayList<>();
        long id = firstId;
        for (int size : fileSizes) {
            ColumnarBatch batch = rows(SCHEMA, id, size);
            id += size;
            try (CloseableIterator<FilteredColumnarBatch> physical = Transaction.transformLogicalData(
                            engine,
                            state,
                            KernelIterators.of(List.of(new FilteredColumnarBatch(batch, Optional.empty()))),
                            Map.of());
                    CloseableIterator<DataFileStatus> files = engine.getParquetHandler()
                            .writeParquetFiles(context.getTargetDirectory(), physical, context.getStatisticsColumns());
                    CloseableIterator<Row> append = Transaction.generateAppendActions(engine, state, files, context)) {
                append.forEachRemaining(actions::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return commit(txn, actions);
    }

    /**
     * Appends one data file to a column-mapped table, written with the physical column names and
     * field ids (Kernel's own write path refuses column mapping). Returns the version.
     */
    long appendColumnMapped(long firstId, int size) {
        Snapshot snapshot = TableManager.loadSnapshot(path).build(engine);
        StructType physical = new StructType();
        for (StructField field : snapshot.getSchema().fields()) {
            FieldMetadata metadata = field.getMetadata();
            physical = physical.add(
                    metadata.getString("delta.columnMapping.physicalName"),
                    field.getDataType(),
                    field.isNullable(),
                    FieldMetadata.builder()
                            .putLong("parquet.field.id", metadata.getLong("delta.columnMapping.id"))
                            .build());
        }
        Transaction txn = snapshot.buildUpdateTableTransaction("deltabridge-test", Operation.WRITE)
                .build(engine);
        Row state = txn.getTransactionState(engine);
        DataWriteContext context = Transaction.getWriteContext(engine, state, Map.of());
        List<Row> actions = new ArrayList<>();
        try (CloseableIterator<DataFileStatus> files = engine.getParquetHandler()
                        .writeParquetFiles(
                                context.getTargetDirectory(),
                                KernelIterators.of(List.of(
                                        new FilteredColumnarBatch(rows(physical, firstId, size), Optional.empty()))),
                                List.of());
                CloseableIterator<Row> append = Transaction.generateAppendActions(engine, state, files, context)) {
            append.forEachRemaining(actions::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return commit(txn, actions);
    }

    /** Renames a column of a column-mapped table (same physical column). Returns the version. */
    long renameColumn(String from, String to) {
        Snapshot snapshot = TableManager.loadSnapshot(path).build(engine);
        List<StructField> fields = new ArrayList<>();
        for (StructField field : snapshot.getSchema().fields()) {
            fields.add(
                    field.getName().equals(from)
                            ? new StructField(to, field.getDataType(), field.isNullable(), field.getMetadata())
                            : field);
        }
        Transaction txn = snapshot.buildUpdateTableTransaction("deltabridge-test", Operation.MANUAL_UPDATE)
                .withUpdatedSchema(new StructType(fields))
                .build(engine);
        return commit(txn, List.of());
    }

    /** Commits a metadata-only change of table properties. Returns the version. */
    long setProperties(Map<String, String> properties) {
        Transaction txn = TableManager.loadSnapshot(path)
                .build(engine)
                .buildUpdateTableTransaction("deltabridge-test", Operation.MANUAL_UPDATE)
                .withTablePropertiesAdded(properties)
                .build(engine);
        return commit(txn, List.of());
    }

    private long commit(Transaction txn, List<Row> actions) {
        try {
            TransactionCommitResult result =
                    txn.commit(engine, CloseableIterable.inMemoryIterable(KernelIterators.of(actions)));
            for (PostCommitHook hook : result.getPostCommitHooks()) {
                hook.threadSafeInvoke(engine);
            }
            return result.getVersion();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String name(long id) {
        return "name-" + id;
    }

    private static ColumnarBatch rows(StructType schema, long firstId, int size) {
        ColumnVector ids = new Vector(LongType.LONG, size) {
            @Override
            public long getLong(int row) {
                return firstId + row;
            }
        };
        ColumnVector names = new Vector(StringType.STRING, size) {
            @Override
            public String getString(int row) {
                return name(firstId + row);
            }
        };
        return new ColumnarBatch() {
            @Override
            public StructType getSchema() {
                return schema;
            }

            @Override
            public ColumnVector getColumnVector(int ordinal) {
                return ordinal == 0 ? ids : names;
            }

            @Override
            public int getSize() {
                return size;
            }
        };
    }

    private abstract static class Vector implements ColumnVector {
        private final DataType type;
        private final int size;

        Vector(DataType type, int size) {
            this.type = type;
            this.size = size;
        }

        @Override
        public DataType getDataType() {
            return type;
        }

        @Override
        public int getSize() {
            return size;
        }

        @Override
        public void close() {}

        @Override
        public boolean isNullAt(int row) {
            return false;
        }
    }
}
