package io.deltabridge.k2d;

import io.deltabridge.core.format.ConfluentWireFormat;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.k2d.BadInputFuzzIT.Input;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Seeded Confluent-framed Avro records for {@link BadInputFuzzIT}: about half good (written by
 * Avro's own writer; some with a schema whose extra field nests a few levels, kept in
 * {@code _rescued_data}), the rest bad by construction: truncated, random, length bombs in
 * strings, bytes and block counts, unknown schema ids, a wrong magic byte, wrong types, invalid
 * UTF-8, huge, nested beyond the limit, trailing bytes.
 */
final class FuzzAvro {
    private final Random random;
    /** {@code <topic>-value}: the table is created from it. All fields but id are nullable. */
    private final Schema order;

    private final int orderId;
    /** id and a recursive linked list {@code x} the table does not have. */
    private final Schema deep;

    private final int deepId;
    /** id as a string: a wrong type for the table's BIGINT. */
    private final int wrongId;

    private long nextId = 1;

    FuzzAvro(Random random, SchemaRegistryClient registry, String topic) {
        this.random = random;
        Schema decimal = LogicalTypes.decimal(10, 2).addToSchema(Schema.create(Schema.Type.BYTES));
        Schema micros = LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
        this.order = SchemaBuilder.record("Order")
                .namespace("fuzz")
                .fields()
                .requiredLong("id")
                .optionalString("name")
                .name("amount")
                .type()
                .optional()
                .type(decimal)
                .name("tags")
                .type()
                .optional()
                .array()
                .items()
                .stringType()
                .name("at")
                .type()
                .optional()
                .type(micros)
                .endRecord();
        this.deep = new Schema.Parser().parse("""
                {"type":"record","name":"Deep","namespace":"fuzz","fields":[{"name":"id","type":"long"},
                 {"name":"x","type":["null",{"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]}]}]}""");
        Schema wrong = SchemaBuilder.record("Wrong")
                .namespace("fuzz")
                .fields()
                .requiredString("id")
                .endRecord();
        this.orderId = registry.register(topic + "-value", order);
        this.deepId = registry.register(topic + "-deep", deep);
        this.wrongId = registry.register(topic + "-wrong", wrong);
    }

    Input next(int n) {
        if (random.nextBoolean()) {
            long id = nextId++;
            return Input.good(id, random.nextInt(5) == 0 ? deepRecord(id, 1 + random.nextInt(20)) : good(id));
        }
        return bad(n);
    }

    private byte[] good(long id) {
        GenericRecord r = new GenericData.Record(order);
        r.put("id", id);
        r.put(
                "name",
                random.nextBoolean()
                        ? null
                        : "é€😀 " + "n".repeat(random.nextInt(50) == 0 ? 200_000 : random.nextInt(30)));
        r.put(
                "amount",
                ByteBuffer.wrap(new BigDecimal(random.nextInt(100_000) + ".25")
                        .unscaledValue()
                        .toByteArray()));
        r.put("tags", random.nextBoolean() ? null : List.of("a", "b" + id));
        r.put("at", 1_767_225_600_000_000L + id);
        return ConfluentWireFormat.frame(orderId, write(order, r));
    }

    private byte[] deepRecord(long id, int depth) {
        Out out = new Out().varlong(id);
        for (int i = 0; i < depth; i++) {
            out.varlong(1); // the Node branch of ["null", Node]
        }
        out.varlong(0);
        return ConfluentWireFormat.frame(deepId, out.bytes());
    }

    private Input bad(int n) {
        byte[] sample = good(1_000_000 + n);
        return switch (random.nextInt(15)) {
            case 0 -> Input.bad(n, "truncated", Arrays.copyOf(sample, random.nextInt(sample.length)));
            case 1 -> {
                byte[] bytes = new byte[random.nextInt(100)];
                random.nextBytes(bytes);
                yield Input.bad(n, "random-bytes", bytes);
            }
            case 2 ->
                Input.bad(
                        n,
                        "random-body",
                        frame(new Out()
                                .varlong(random.nextLong())
                                .varlong(2 + random.nextInt(60)) // no such union branch
                                .raw(randomBytes(random.nextInt(60)))));
            case 3 ->
                Input.bad(
                        n,
                        "string-length-bomb",
                        frame(new Out()
                                .varlong(n)
                                .varlong(1)
                                .varlong(2_000_000_000L)
                                .raw(new byte[4])));
            case 4 ->
                Input.bad(
                        n,
                        "bytes-length-bomb",
                        frame(new Out()
                                .varlong(n)
                                .varlong(0)
                                .varlong(1)
                                .varlong(1_500_000_000L)
                                .raw(new byte[4])));
            case 5 ->
                Input.bad(
                        n,
                        "block-count-bomb",
                        frame(new Out()
                                .varlong(n)
                                .varlong(0)
                                .varlong(0)
                                .varlong(1)
                                .varlong(random.nextBoolean() ? 1_000_000_000_000L : -1_000_000_000_000L)
                                .varlong(5)
                                .raw(new byte[5])));
            case 6 ->
                Input.bad(
                        n,
                        "unknown-schema-id",
                        ConfluentWireFormat.frame(
                                10_000_000 + n,
                                Arrays.copyOfRange(sample, ConfluentWireFormat.HEADER_SIZE, sample.length)));
            case 7 -> {
                byte[] magic = sample.clone();
                magic[0] = (byte) (1 + random.nextInt(255));
                yield Input.bad(n, "wrong-magic-byte", magic);
            }
            case 8 ->
                Input.bad(
                        n,
                        "shorter-than-a-header",
                        Arrays.copyOf(sample, random.nextInt(ConfluentWireFormat.HEADER_SIZE)));
            case 9 ->
                Input.bad(
                        n,
                        "wrong-type",
                        ConfluentWireFormat.frame(
                                wrongId,
                                new Out().varlong(2).raw(new byte[] {'4', '2'}).bytes()));
            case 10 ->
                Input.bad(
                        n,
                        "invalid-utf8",
                        frame(new Out()
                                .varlong(n)
                                .varlong(1)
                                .varlong(2)
                                .raw(new byte[] {(byte) 0xC3, 0x28})
                                .varlong(0)
                                .varlong(0)
                                .varlong(0)));
            case 11 -> {
                byte[] text = new byte[700_000];
                Arrays.fill(text, (byte) 'a');
                text[text.length - 1] = (byte) 0xFF;
                yield Input.bad(
                        n,
                        "huge-invalid-utf8",
                        frame(new Out()
                                .varlong(n)
                                .varlong(1)
                                .varlong(text.length)
                                .raw(text)
                                .varlong(0)
                                .varlong(0)
                                .varlong(0)));
            }
            case 12 -> Input.bad(n, "deep-nesting", deepRecord(n, 3_000));
            case 13 -> Input.bad(n, "trailing-bytes", Arrays.copyOf(sample, sample.length + 1 + random.nextInt(8)));
            default -> Input.bad(n, "tombstone", null);
        };
    }

    private byte[] frame(Out body) {
        return ConfluentWireFormat.frame(orderId, body.bytes());
    }

    private byte[] randomBytes(int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    private static byte[] write(Schema schema, GenericRecord record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Avro binary by hand: zig-zag varints and raw bytes, for records Avro's writer would refuse to write. */
    private static final class Out {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Out varlong(long value) {
            long v = (value << 1) ^ (value >> 63);
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
            return this;
        }

        Out raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
