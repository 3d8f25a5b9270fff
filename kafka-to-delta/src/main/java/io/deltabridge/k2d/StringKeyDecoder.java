package io.deltabridge.k2d;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.RowDecoder;
import io.deltabridge.core.codec.json.JsonRowDecoder;
import io.deltabridge.core.vector.BatchBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code key-format: string}: the Kafka key is the single key column's value as text (SPEC §7
 * encoding, strings without quotes). Read as the JSON value it stands for, so every type decodes
 * as in a JSON record.
 */
final class StringKeyDecoder implements RowDecoder {
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final List<Class<? extends DataType>> BARE = List.of(
            ByteType.class,
            ShortType.class,
            IntegerType.class,
            LongType.class,
            FloatType.class,
            DoubleType.class,
            BooleanType.class);

    private final String column;
    private final boolean bare;
    private final RowDecoder json;

    /** @param target the schema decoded into; {@code keyColumn} is its column the key is */
    StringKeyDecoder(StructType target, String keyColumn, Set<String> callerColumns) {
        this.column = keyColumn;
        DataType type = target.get(keyColumn).getDataType();
        this.bare = BARE.stream().anyMatch(c -> c.isInstance(type));
        this.json = new JsonRowDecoder(target, callerColumns);
    }

    @Override
    public void decodeInto(byte[] data, int offset, int length, BatchBuilder target) {
        String text = new String(data, offset, length, StandardCharsets.UTF_8);
        // numbers and booleans stand as they are; anything else is a JSON string, which the decoder
        // reads by the column's type (dates, decimals, NaN) or rejects naming the column
        boolean asIs = bare && (NUMBER.matcher(text).matches() || text.equals("true") || text.equals("false"));
        String value = asIs ? text : quoted(text);
        byte[] object = ("{" + quoted(column) + ":" + value + "}").getBytes(StandardCharsets.UTF_8);
        json.decodeInto(object, 0, object.length, target);
    }

    private static String quoted(String name) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(name)) + "\"";
    }
}
