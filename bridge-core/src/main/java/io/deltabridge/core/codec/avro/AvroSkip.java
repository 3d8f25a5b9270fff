package io.deltabridge.core.codec.avro;

import io.deltabridge.core.error.Problem;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;

/**
 * Skips Avro values with the limits of {@link BoundedReads}: lengths and block counts bounded by the
 * bytes left, zero-size items counted per record, nesting bounded. Avro's own
 * {@code GenericDatumReader.skip} loops for as many zero-size items as a block count claims (2^50
 * nulls is a hang). Only for decoders over a byte array.
 */
public final class AvroSkip {
    private AvroSkip() {}

    /** Starts a record on this thread: its count of zero-size items begins at zero. */
    public static void startRecord() {
        BoundedReads.startRecord();
    }

    /** Moves {@code in} past one value written with {@code schema}. */
    public static void skip(Schema schema, BinaryDecoder in) throws IOException {
        skip(schema, in, 0);
    }

    private static void skip(Schema schema, BinaryDecoder in, int depth) throws IOException {
        if (depth > AvroRescue.MAX_DEPTH) {
            throw Problem.of("Record has a value nested more than %d levels deep", AvroRescue.MAX_DEPTH)
                    .because("the schema is recursive and the data nests without end")
                    .fix("check that the producer writes Avro binary with the schema it registered")
                    .data();
        }
        switch (schema.getType()) {
            case NULL -> {}
            case BOOLEAN -> in.readBoolean();
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case FLOAT -> in.skipFixed(4);
            case DOUBLE -> in.skipFixed(8);
            case STRING, BYTES ->
                in.skipFixed(
                        BoundedReads.length(in, schema.getType() == Schema.Type.STRING ? "string" : "bytes value"));
            case FIXED -> in.skipFixed(schema.getFixedSize());
            case ENUM -> in.readEnum();
            case ARRAY -> {
                boolean empty = BoundedReads.mayBeEmpty(schema.getElementType());
                for (long n = BoundedReads.blockCount(in, empty); n != 0; n = BoundedReads.blockCount(in, empty)) {
                    for (long i = 0; i < n; i++) {
                        skip(schema.getElementType(), in, depth + 1);
                    }
                }
            }
            case MAP -> {
                for (long n = BoundedReads.blockCount(in, false); n != 0; n = BoundedReads.blockCount(in, false)) {
                    for (long i = 0; i < n; i++) {
                        in.skipFixed(BoundedReads.length(in, "map key"));
                        skip(schema.getValueType(), in, depth + 1);
                    }
                }
            }
            case RECORD -> {
                List<Schema.Field> fields = schema.getFields();
                for (int i = 0; i < fields.size(); i++) {
                    skip(fields.get(i).schema(), in, depth + 1);
                }
            }
            case UNION -> skip(schema.getTypes().get(in.readIndex()), in, depth);
        }
    }
}
