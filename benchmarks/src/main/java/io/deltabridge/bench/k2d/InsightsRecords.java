package io.deltabridge.bench.k2d;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.deltabridge.core.format.ConfluentWireFormat;
import io.deltabridge.core.schema.avro.AvroSchemas;
import io.deltabridge.embedded.InsightsRow;
import io.deltabridge.embedded.InsightsTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/** The insights rows as Kafka record values: JSON in the encoding of SPEC §7, or Avro in the Confluent wire format. */
public final class InsightsRecords {
    static final Schema AVRO = AvroSchemas.toAvro(InsightsTable.SCHEMA, "file:/bench/insights");
    static final int AVRO_SCHEMA_ID = 1;
    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final JsonFactory JSON = new JsonFactory();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private final GenericDatumWriter<GenericRecord> avroWriter = new GenericDatumWriter<>(AVRO);
    private BinaryEncoder encoder;

    public byte[] json(long id) {
        InsightsRow r = InsightsRow.generate(id);
        out.reset();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("id", r.id());
            g.writeStringField("customer_id", r.customerId());
            g.writeStringField("segment", r.segment());
            g.writeNumberField("score", r.score());
            g.writeStringField("churn_risk", r.churnRisk().toPlainString());
            g.writeStringField("updated_at", TS.format(r.updatedAt()));
            g.writeArrayFieldStart("features");
            for (double f : r.features()) {
                g.writeNumber(f);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("attributes");
            for (Map.Entry<String, String> e : r.attributes().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeStringField("country", r.country());
            g.writeNumberField("tenure", r.tenure());
            g.writeBooleanField("active", r.active());
            g.writeNumberField("version", r.version());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    byte[] avro(long id) {
        InsightsRow r = InsightsRow.generate(id);
        GenericRecord rec = new GenericData.Record(AVRO);
        rec.put("id", r.id());
        rec.put("customer_id", r.customerId());
        rec.put("segment", r.segment());
        rec.put("score", r.score());
        rec.put("churn_risk", ByteBuffer.wrap(r.churnRisk().unscaledValue().toByteArray()));
        rec.put("updated_at", micros(r.updatedAt()));
        rec.put("features", r.features());
        rec.put("attributes", r.attributes());
        rec.put("country", r.country());
        rec.put("tenure", r.tenure());
        rec.put("active", r.active());
        rec.put("version", r.version());
        out.reset();
        encoder = EncoderFactory.get().binaryEncoder(out, encoder);
        try {
            avroWriter.write(rec, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ConfluentWireFormat.frame(AVRO_SCHEMA_ID, out.toByteArray());
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }
}
