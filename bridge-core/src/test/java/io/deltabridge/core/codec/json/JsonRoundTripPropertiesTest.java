package io.deltabridge.core.codec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.deltabridge.core.schema.DdlParser;
import io.deltabridge.core.schema.DdlPrinter;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.core.vector.TestValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random schemas and values: encode to JSON, decode, and get the same vectors; the DDL round trips too. */
class JsonRoundTripPropertiesTest {
    private static final List<String> NAMES =
            List.of("a", "b", "c_1", "x y", "q\"uote", "é", "Z", "_k", "emoji🚀", "n");
    private static final long MIN_MICROS = -62_135_596_800_000_000L; // 0001-01-01
    private static final long MAX_MICROS = 253_402_300_799_999_999L; // 9999-12-31T23:59:59.999999

    record Case(StructType schema, List<List<Object>> rows) {}

    @Property(tries = 300)
    void encodeThenDecodeGivesTheSameVectors(@ForAll("cases") Case c) {
        BatchBuilder source = new BatchBuilder(c.schema());
        c.rows().forEach(r -> TestValues.appendRow(source, r));
        ColumnarBatch batch = source.build();
        JsonRowEncoder encoder = new JsonRowEncoder(c.schema());
        JsonRowDecoder decoder = new JsonRowDecoder(c.schema());
        BatchBuilder target = new BatchBuilder(c.schema());
        for (int r = 0; r < batch.getSize(); r++) {
            decoder.decode(encoder.encode(batch, r), target);
        }
        assertEquals(c.rows(), TestValues.rows(target.build()));
    }

    @Property(tries = 300)
    void ddlPrintsAndParsesBack(@ForAll("schemas") StructType schema) {
        assertEquals(schema, DdlParser.parse(DdlPrinter.toDdl(schema)));
    }

    @Provide
    Arbitrary<StructType> schemas() {
        return struct(3, 1, 6);
    }

    @Provide
    Arbitrary<Case> cases() {
        return schemas().flatMap(s -> row(s).list().ofMinSize(1).ofMaxSize(4).map(rows -> new Case(s, rows)));
    }

    private static Arbitrary<List<Object>> row(StructType s) {
        List<Arbitrary<Object>> fields = new ArrayList<>();
        for (StructField f : s.fields()) {
            fields.add(value(f.getDataType(), f.isNullable()));
        }
        return Combinators.combine(fields).as(ArrayList::new);
    }

    private static Arbitrary<StructType> struct(int depth, int min, int max) {
        Arbitrary<StructField> field = Combinators.combine(
                        Arbitraries.of(NAMES), type(depth - 1), Arbitraries.of(true, true, false))
                .as((n, t, nullable) -> new StructField(n, t, nullable));
        return field.list()
                .ofMinSize(min)
                .ofMaxSize(max)
                .uniqueElements(f -> f.getName().toLowerCase())
                .map(StructType::new);
    }

    private static Arbitrary<DataType> type(int depth) {
        Arbitrary<DataType> primitive = Arbitraries.oneOf(
                Arbitraries.of(
                        BooleanType.BOOLEAN,
                        ByteType.BYTE,
                        ShortType.SHORT,
                        IntegerType.INTEGER,
                        LongType.LONG,
                        FloatType.FLOAT,
                        DoubleType.DOUBLE,
                        StringType.STRING,
                        BinaryType.BINARY,
                        DateType.DATE,
                        TimestampType.TIMESTAMP,
                        TimestampNTZType.TIMESTAMP_NTZ),
                Arbitraries.integers()
                        .between(1, 38)
                        .flatMap(p -> Arbitraries.integers().between(0, p).map(sc -> new DecimalType(p, sc))));
        if (depth <= 0) {
            return primitive;
        }
        Arbitrary<DataType> nested = type(depth - 1);
        Arbitrary<DataType> key = Arbitraries.oneOf(Arbitraries.just(StringType.STRING), primitive);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, primitive),
                net.jqwik.api.Tuple.of(
                        1,
                        Combinators.combine(nested, Arbitraries.of(true, false)).as(ArrayType::new)),
                net.jqwik.api.Tuple.of(
                        1,
                        Combinators.combine(key, nested, Arbitraries.of(true, false))
                                .as(MapType::new)),
                net.jqwik.api.Tuple.of(1, struct(depth, 0, 3).map(s -> (DataType) s)));
    }

    private static Arbitrary<Object> value(DataType t, boolean nullable) {
        Arbitrary<Object> v = nonNull(t);
        return nullable ? v.injectNull(0.2) : v;
    }

    private static Arbitrary<Object> nonNull(DataType t) {
        if (t instanceof BooleanType) {
            return Arbitraries.of(true, false).map(o -> o);
        } else if (t instanceof ByteType) {
            return Arbitraries.bytes().map(o -> o);
        } else if (t instanceof ShortType) {
            return Arbitraries.shorts().map(o -> o);
        } else if (t instanceof IntegerType) {
            return Arbitraries.integers().map(o -> o);
        } else if (t instanceof LongType) {
            return Arbitraries.longs().map(o -> o);
        } else if (t instanceof FloatType) {
            return Arbitraries.oneOf(
                            Arbitraries.floats(),
                            Arbitraries.of(
                                    Float.NaN,
                                    Float.POSITIVE_INFINITY,
                                    Float.NEGATIVE_INFINITY,
                                    -0.0f,
                                    Float.MIN_VALUE,
                                    Float.MAX_VALUE,
                                    1.1f),
                            Arbitraries.integers().map(Float::intBitsToFloat))
                    .map(o -> o);
        } else if (t instanceof DoubleType) {
            return Arbitraries.oneOf(
                            Arbitraries.doubles(),
                            Arbitraries.of(
                                    Double.NaN,
                                    Double.POSITIVE_INFINITY,
                                    Double.NEGATIVE_INFINITY,
                                    -0.0,
                                    Double.MIN_VALUE,
                                    Double.MAX_VALUE,
                                    1e-300),
                            Arbitraries.longs().map(Double::longBitsToDouble))
                    .map(o -> o);
        } else if (t instanceof DecimalType d) {
            BigInteger limit = BigInteger.TEN.pow(d.getPrecision()).subtract(BigInteger.ONE);
            return Arbitraries.bigIntegers().between(limit.negate(), limit).map(u ->
                    (Object) new BigDecimal(u, d.getScale()));
        } else if (t instanceof StringType) {
            return Arbitraries.oneOf(
                            Arbitraries.strings().ofMaxLength(12),
                            Arbitraries.strings()
                                    .withCharRange('\u0000', '\u00ff')
                                    .ofMaxLength(8),
                            Arbitraries.of("", "🚀", "東京", "\"\\/\b\f\n\r\t", "\u2028"))
                    .map(o -> o);
        } else if (t instanceof BinaryType) {
            return Arbitraries.bytes().array(byte[].class).ofMaxSize(10).map(b -> (Object) ByteBuffer.wrap(b));
        } else if (t instanceof DateType) {
            return Arbitraries.integers().between(-719_162, 2_932_896).map(o -> o); // 0001-01-01 .. 9999-12-31
        } else if (t instanceof TimestampType || t instanceof TimestampNTZType) {
            return Arbitraries.longs().between(MIN_MICROS, MAX_MICROS).map(o -> o);
        } else if (t instanceof ArrayType a) {
            return value(a.getElementType(), a.containsNull())
                    .list()
                    .ofMaxSize(3)
                    .map(o -> o);
        } else if (t instanceof MapType m) {
            return Combinators.combine(nonNull(m.getKeyType()), value(m.getValueType(), m.isValueContainsNull()))
                    .as(TestValues::entry)
                    .list()
                    .ofMaxSize(3)
                    .map(o -> o);
        } else if (t instanceof StructType s) {
            return row(s).map(o -> o);
        }
        throw new IllegalArgumentException(t.toString());
    }
}
