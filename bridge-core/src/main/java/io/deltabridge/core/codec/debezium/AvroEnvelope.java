package io.deltabridge.core.codec.debezium;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.ChangeOp;
import io.deltabridge.core.codec.avro.AvroRowDecoder;
import io.deltabridge.core.codec.avro.AvroSkip;
import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.vector.BatchBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * One writer schema of Debezium's Avro change event ({@code Envelope}: {@code before} and
 * {@code after} as nullable row records, {@code op}, {@code source}, {@code ts_ms},
 * {@code transaction}, in any order), planned once per registry id. A record is read in one pass:
 * {@code op} may come after the row images, so their bytes are located (skipped) and the image the
 * op asks for is then decoded in place by an {@link AvroRowDecoder} of its row record.
 */
final class AvroEnvelope {
    private static final int OTHER = 0;
    private static final int BEFORE = 1;
    private static final int AFTER = 2;
    private static final int OP = 3;

    private final String name;
    private final Schema[] fieldSchemas;
    private final int[] roles;
    /** For BEFORE / AFTER fields: the row decoder of each union branch (null for the null branch), by field. */
    private final AvroRowDecoder[][] rows;

    private final Image before = new Image();
    private final Image after = new Image();
    private BinaryDecoder in;
    /** The {@code op} of the record last decoded. */
    private String op;

    /** Where one row image is in the record being read. */
    private static final class Image {
        AvroRowDecoder decoder;
        int start;
        int end;
    }

    AvroEnvelope(Schema writer, StructType target, Set<String> lineageColumns) {
        this.name = writer.getFullName();
        if (writer.getType() != Schema.Type.RECORD
                || writer.getField("op") == null
                || writer.getField("before") == null && writer.getField("after") == null) {
            throw notAnEnvelope(writer, "it is not a record with the fields 'op' and 'before' / 'after'");
        }
        Schema annotated = ConnectAvroTypes.withLogicalTypes(writer);
        List<Schema.Field> fields = annotated.getFields();
        fieldSchemas = new Schema[fields.size()];
        roles = new int[fields.size()];
        rows = new AvroRowDecoder[fields.size()][];
        Map<Schema, AvroRowDecoder> decoders = new IdentityHashMap<>();
        for (int i = 0; i < roles.length; i++) {
            Schema.Field f = fields.get(i);
            fieldSchemas[i] = f.schema();
            roles[i] = switch (f.name()) {
                case "before" -> BEFORE;
                case "after" -> AFTER;
                case "op" -> OP;
                default -> OTHER;
            };
            if (roles[i] == OP && f.schema().getType() != Schema.Type.STRING) {
                throw notAnEnvelope(writer, "its field 'op' is " + f.schema() + ", not a string");
            }
            if (roles[i] == BEFORE || roles[i] == AFTER) {
                List<Schema> branches =
                        f.schema().getType() == Schema.Type.UNION ? f.schema().getTypes() : List.of(f.schema());
                rows[i] = new AvroRowDecoder[branches.size()];
                for (int b = 0; b < branches.size(); b++) {
                    Schema branch = branches.get(b);
                    if (branch.getType() == Schema.Type.RECORD) {
                        rows[i][b] =
                                decoders.computeIfAbsent(branch, s -> new AvroRowDecoder(s, target, lineageColumns));
                    } else if (branch.getType() != Schema.Type.NULL) {
                        throw notAnEnvelope(
                                writer,
                                "its field '" + f.name() + "' is " + f.schema() + ", not a nullable row record");
                    }
                }
            }
        }
    }

    private static RuntimeException notAnEnvelope(Schema writer, String why) {
        return Problem.of("Avro schema %s is not a Debezium change event", writer.getFullName())
                .because("%s", why)
                .fix("send Debezium change events (before / after / op) to this topic, or use envelope: row")
                .data();
    }

    /** Decodes the Avro binary {@code data[offset, offset + length)} (without the wire-format header) into {@code target}. */
    ChangeOp decodeInto(byte[] data, int offset, int length, BatchBuilder target) {
        op = null;
        in = DecoderFactory.get().binaryDecoder(data, offset, length, in);
        int end = offset + length;
        try {
            AvroSkip.startRecord();
            op = locate(end);
            if (!in.isEnd()) {
                throw invalid("it has bytes left after the change event");
            }
        } catch (BridgeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw invalid(e.toString());
        }
        DebeziumOp kind = DebeziumOp.of(op);
        Image image = kind == DebeziumOp.DELETE_BEFORE ? before : after;
        if (image.decoder == null) {
            throw kind.missingImage(op);
        }
        image.decoder.decodeInto(data, image.start, image.end - image.start, target);
        return kind.op;
    }

    /** After {@link #decodeInto} of {@code data}: decodes the {@code before} of an update into {@code target}; false when there is none. */
    boolean replacedInto(byte[] data, BatchBuilder target) {
        if (!DebeziumOp.UPDATE.equals(op) || before.decoder == null) {
            return false;
        }
        before.decoder.decodeInto(data, before.start, before.end - before.start, target);
        return true;
    }

    /** Reads the envelope's fields, locating the row images; returns {@code op}. */
    private String locate(int end) throws IOException {
        before.decoder = null;
        after.decoder = null;
        String found = null;
        for (int i = 0; i < roles.length; i++) {
            switch (roles[i]) {
                case BEFORE -> locate(i, before, end);
                case AFTER -> locate(i, after, end);
                case OP -> found = readOp();
                default -> AvroSkip.skip(fieldSchemas[i], in);
            }
        }
        return found;
    }

    private void locate(int field, Image image, int end) throws IOException {
        AvroRowDecoder[] branches = rows[field];
        int branch = branches.length == 1 && fieldSchemas[field].getType() != Schema.Type.UNION ? 0 : in.readIndex();
        image.decoder = branches[branch];
        if (image.decoder != null) {
            image.start = end - in.inputStream().available();
            AvroSkip.skip(image.decoder.writerSchema(), in);
            image.end = end - in.inputStream().available();
        }
    }

    /** {@code op}: a short string; its length is checked before anything is allocated. */
    private String readOp() throws IOException {
        long n = in.readLong();
        if (n < 0 || n > in.inputStream().available()) {
            throw invalid("its 'op' claims " + n + " bytes");
        }
        byte[] text = new byte[(int) n];
        in.readFixed(text);
        return new String(text, StandardCharsets.UTF_8);
    }

    private RuntimeException invalid(String why) {
        return Problem.of("Debezium event is not valid Avro for schema %s", name)
                .because("%s", why)
                .fix("check that the producer writes Avro binary with the schema it registered")
                .data();
    }
}
