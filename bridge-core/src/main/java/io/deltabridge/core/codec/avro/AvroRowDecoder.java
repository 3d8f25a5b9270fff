package io.deltabridge.core.codec.avro;

import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.RowDecoder;
import io.deltabridge.core.codec.Utf8Buffer;
import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.vector.BatchBuilder;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads Avro binary (no framing) written with a known writer schema into rows of the table schema,
 * following the {@link RowDecoder} contract: fields resolved by (Delta) name, missing nullable
 * columns null, missing NOT NULL columns a {@link io.deltabridge.core.error.DataException} at commit,
 * fields the table lacks into {@value RowDecoder#RESCUED_DATA_COLUMN} (or a data error). Built once
 * per writer schema (i.e. per registry schema id); no GenericRecord, no per-row objects.
 */
public final class AvroRowDecoder implements RowDecoder {
    private final Schema writer;
    private final AvroReaders.FieldPlan plan;
    private final AvroRescue rescue;
    private final int rescuedOrdinal;
    private BinaryDecoder decoder;

    /** Decodes records written with {@code writer} into batches of {@code target}. */
    public AvroRowDecoder(Schema writer, StructType target) {
        this(writer, target, Set.of());
    }

    /**
     * Decodes records written with {@code writer} into batches of {@code target}; {@code callerColumns}
     * (e.g. lineage columns) are filled by the caller and never read from the record.
     */
    public AvroRowDecoder(Schema writer, StructType target, Set<String> callerColumns) {
        if (writer.getType() != Schema.Type.RECORD) {
            throw Problem.of("Cannot decode Avro %s values into table rows", writer.getType())
                    .because("a table row needs an Avro record, the writer schema is %s", writer)
                    .fix("produce records (Avro type record) to this topic")
                    .data();
        }
        this.writer = writer;
        this.rescuedOrdinal = target.indexOf(RESCUED_DATA_COLUMN);
        if (rescuedOrdinal >= 0 && !(target.at(rescuedOrdinal).getDataType() instanceof StringType)) {
            throw Problem.of(
                            "Column %s has type %s",
                            RESCUED_DATA_COLUMN, target.at(rescuedOrdinal).getDataType())
                    .because("it holds unknown fields as JSON text and must be a STRING column")
                    .fix("change its type to STRING, or rename it")
                    .config();
        }
        Set<String> excluded = new HashSet<>(callerColumns);
        excluded.add(RESCUED_DATA_COLUMN);
        this.rescue = new AvroRescue(rescuedOrdinal >= 0);
        this.plan = AvroReaders.plan(writer, target, excluded, "", rescue);
    }

    /**
     * The top-level fields whose Avro type no column value can be read from, as messages: every record
     * with the writer schema would fail on them (a mismatch inside a union fails only records using it).
     */
    public List<String> mismatches() {
        return Arrays.stream(plan.readers())
                .filter(r -> r instanceof AvroReaders.Mismatch)
                .map(r -> ((AvroReaders.Mismatch) r).problem())
                .toList();
    }

    /** The writer schema this decoder reads. */
    public Schema writerSchema() {
        return writer;
    }

    @Override
    public void decodeInto(byte[] data, int offset, int length, BatchBuilder target) {
        rescue.clear();
        BoundedReads.startRecord();
        decoder = DecoderFactory.get().binaryDecoder(data, offset, length, decoder);
        try {
            plan.readRow(decoder, target, rescue);
            if (!decoder.isEnd()) {
                throw Problem.of("Record has bytes left after its Avro data")
                        .because("the record does not match its writer schema %s", writer.getFullName())
                        .fix("check that the producer registers the schema it writes with")
                        .data();
            }
        } catch (BridgeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw Problem.of("Record is not valid Avro for schema %s", writer.getFullName())
                    .because("%s", e.toString())
                    .fix("check that the producer writes Avro binary with the schema it registered")
                    .data(e);
        }
        if (!rescue.isEmpty()) {
            Utf8Buffer json = rescue.finish();
            target.column(rescuedOrdinal).appendString(json.array(), 0, json.size());
        }
    }
}
