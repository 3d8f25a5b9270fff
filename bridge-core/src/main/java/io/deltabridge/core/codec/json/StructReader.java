package io.deltabridge.core.codec.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.core.vector.ColumnBuilder;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * A JSON object into a STRUCT value, or (for the record itself) into the columns of a row. Fields
 * in any order; unknown ones go to the {@link Rescue}; a field given twice is an error.
 */
final class StructReader extends JsonValueReader {
    private final FieldTable fields = new FieldTable();
    /** By ordinal; null for columns not read from the record. */
    private final JsonValueReader[] readers;

    private final Rescue rescue;

    StructReader(StructType type, Rescue rescue) {
        this(type, Set.of(), rescue);
    }

    /** Reads the fields of {@code type} except those named in {@code skipped}. */
    StructReader(StructType type, Set<String> skipped, Rescue rescue) {
        super(type);
        this.rescue = rescue;
        List<StructField> fs = type.fields();
        readers = new JsonValueReader[fs.size()];
        for (int i = 0; i < readers.length; i++) {
            StructField f = fs.get(i);
            if (!skipped.contains(f.getName())) {
                DataType t = f.getDataType();
                readers[i] = forType(t, rescue);
                fields.put(f.getName(), i);
            }
        }
    }

    @Override
    void read(JsonParser p, JsonToken t, ColumnBuilder b) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw mismatch(b, t);
        }
        b.beginStruct();
        readFields(p, b, null, b.size());
        b.endStruct();
    }

    /** Reads the record's top-level object into the open row of {@code target}. */
    void readRow(JsonParser p, BatchBuilder target) throws IOException {
        readFields(p, null, target, target.rowCount());
    }

    /** The fields up to END_OBJECT into {@code struct}'s children or {@code row}'s columns, at {@code index}. */
    private void readFields(JsonParser p, ColumnBuilder struct, BatchBuilder row, int index) throws IOException {
        for (int position = 0; p.nextToken() == JsonToken.FIELD_NAME; position++) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            int i = fields.find(name, position);
            if (i < 0) {
                rescue.capture(struct == null ? name : struct.path() + "." + name, p);
                continue;
            }
            ColumnBuilder child = struct != null ? struct.child(i) : row.column(i);
            if (child.size() != index) {
                throw Problem.of("Field '%s' appears more than once in the record", child.path())
                        .because("a JSON object must not repeat a key")
                        .fix("send each field once")
                        .data();
            }
            readers[i].readNullable(p, value, child);
        }
    }
}
