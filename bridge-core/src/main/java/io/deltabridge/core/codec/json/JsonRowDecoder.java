package io.deltabridge.core.codec.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.RowDecoder;
import io.deltabridge.core.codec.Utf8Buffer;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.core.vector.ColumnBuilder;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code format: json} for kafka → delta: one JSON object per record, decoded with Jackson's
 * streaming parser (no tree per record) straight into a {@link BatchBuilder}, following the
 * encodings of SPEC §7 and the contract of {@link RowDecoder}. Lenient where it costs nothing:
 * decimals as strings or numbers, floats and doubles as numbers or strings ({@code "NaN"},
 * {@code "Infinity"}, {@code "-Infinity"}, {@code "1.5"}), timestamps with any fraction length or
 * an ISO offset, column names matched case-insensitively.
 */
public final class JsonRowDecoder implements RowDecoder {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // exact like Double.parseDouble / new BigDecimal, several times faster
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
            .build();

    private final StructReader row;
    private final Rescue rescue;
    private final int rescuedOrdinal;

    /** Decodes into batches of {@code target}, reading every column but {@code _rescued_data} from the record. */
    public JsonRowDecoder(StructType target) {
        this(target, Set.of());
    }

    /**
     * Decodes into batches of {@code target}; {@code callerColumns} (e.g. lineage columns) are
     * filled by the caller and never read from the record.
     */
    public JsonRowDecoder(StructType target, Set<String> callerColumns) {
        rescuedOrdinal = target.indexOf(RESCUED_DATA_COLUMN);
        if (rescuedOrdinal >= 0 && !(target.at(rescuedOrdinal).getDataType() instanceof StringType)) {
            throw Problem.of(
                            "Column %s has type %s",
                            RESCUED_DATA_COLUMN, target.at(rescuedOrdinal).getDataType())
                    .because("it holds unknown fields as JSON text and must be a STRING column")
                    .fix("change its type to STRING, or rename it")
                    .config();
        }
        Set<String> skipped = new HashSet<>(callerColumns);
        skipped.add(RESCUED_DATA_COLUMN);
        rescue = new Rescue(rescuedOrdinal >= 0);
        row = new StructReader(target, skipped, rescue);
    }

    @Override
    public void decodeInto(byte[] data, int offset, int length, BatchBuilder target) {
        rescue.clear();
        try (JsonParser p = JSON.createParser(data, offset, length)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw Problem.of("Record is not a JSON object")
                        .because("format json expects one object per record, found %s", JsonTypes.jsonType(first))
                        .fix("send one JSON object per record")
                        .data();
            }
            row.readRow(p, target);
            JsonToken after = p.nextToken();
            if (after != null) {
                throw Problem.of("Record has data after its JSON object")
                        .because(
                                "found %s at offset %d",
                                JsonTypes.jsonType(after),
                                p.currentTokenLocation().getByteOffset())
                        .fix("send exactly one JSON object per record")
                        .data();
            }
        } catch (JsonProcessingException e) {
            throw Problem.of("Record is not valid JSON")
                    .because(
                            "%s at byte %d",
                            e.getOriginalMessage(),
                            e.getLocation() == null ? -1 : e.getLocation().getByteOffset())
                    .fix("send valid UTF-8 JSON, one object per record")
                    .data(e);
        } catch (IOException e) {
            throw Problem.of("Record could not be read as JSON")
                    .because("%s", e.getMessage())
                    .data(e);
        }
        if (!rescue.isEmpty()) {
            Utf8Buffer rescued = rescue.finish();
            ColumnBuilder column = target.column(rescuedOrdinal);
            column.appendString(rescued.array(), 0, rescued.size());
        }
    }
}
