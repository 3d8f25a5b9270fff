package io.deltabridge.d2k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.ChangeDecoder;
import io.deltabridge.core.codec.ChangeOp;
import io.deltabridge.core.codec.debezium.DebeziumDecoders;
import io.deltabridge.core.config.Envelope;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.KeyFormat;
import io.deltabridge.core.config.RegistryConfig;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.registry.HttpSchemaRegistryClient;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.d2k.changefeed.CanonicalValues;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.SchemaRegistryExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * delta → kafka with {@code envelope: debezium} (the real pipeline and encoders, JSON and Avro)
 * decoded back by {@link DebeziumDecoders}: applying the decoded changes in offset order gives
 * exactly the table Spark reads, every type included, and every delete's tombstone is skipped.
 */
@ExtendWith(SchemaRegistryExtension.class)
class DebeziumRoundTripIT extends DeltaToKafkaITSupport {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"basic,JSON", "all_types,JSON", "basic,AVRO", "all_types,AVRO"})
    void publishedEventsDecodeBackToTheTable(String scenario, Format format, @SchemaRegistryExtension.Url String url) {
        DeltaFixture f = fixture(scenario);
        String topic = kafka.createUniqueTopic("debezium-round-trip", 2);
        try (SchemaRegistryClient registry =
                new HttpSchemaRegistryClient(new RegistryConfig(url, Optional.empty(), Map.of()))) {
            DeltaToKafka.Builder builder =
                    builder(f, topic).envelope(Envelope.DEBEZIUM).format(format).keyFormat(KeyFormat.STRING);
            try (DeltaToKafkaPipeline p =
                    (format == Format.AVRO ? builder.schemaRegistry(registry) : builder).build()) {
                p.runOnce();
            }
            StructType schema = schema(f);
            ChangeDecoder decoder = format == Format.AVRO
                    ? DebeziumDecoders.avro(registry, schema, Set.of())
                    : DebeziumDecoders.json(schema, Set.of());
            long events = f.expectedCdf().stream()
                    .filter(r -> !r.get("_change_type").asText().equals("update_preimage"))
                    .count();
            long deletes = f.expectedCdf().stream()
                    .filter(r -> r.get("_change_type").asText().equals("delete"))
                    .count();
            assertTrue(deletes > 0, scenario + " has a delete");
            List<ConsumedRecord> records = readAll(topic, (int) (events + deletes));

            Map<String, List<String>> applied = new TreeMap<>();
            int skipped = 0;
            for (ConsumedRecord r : records) { // per partition in offset order: each key's changes in order
                BatchBuilder batch = new BatchBuilder(schema);
                batch.startRow();
                ChangeOp op = decoder.decodeInto(r.key(), r.value(), new RecordHeaders(), batch);
                if (op == ChangeOp.SKIP) {
                    batch.rollbackRow();
                    assertTrue(r.isTombstone(), "only tombstones are skipped");
                    skipped++;
                    continue;
                }
                batch.commitRow();
                List<String> row = canonical(batch.build(), schema);
                String id = row.get(schema.indexOf("id"));
                assertEquals(r.keyString(), id);
                if (op == ChangeOp.UPSERT) {
                    applied.put(id, row);
                } else {
                    assertTrue(applied.remove(id) != null, "a delete of a row that was there: " + id);
                }
            }
            assertEquals(deletes, skipped);
            Map<String, List<String>> expected = new TreeMap<>();
            for (ObjectNode row : f.expectedFinal()) {
                List<String> values = new ArrayList<>();
                schema.fields().forEach(c -> values.add(CanonicalValues.of(row.get(c.getName()), c.getDataType())));
                expected.put(values.get(schema.indexOf("id")), values);
            }
            assertEquals(expected, applied);
        }
    }

    private static StructType schema(DeltaFixture f) {
        Engine engine = DeltaEngines.create(Map.of());
        return Table.forPath(engine, f.table().toString())
                .getLatestSnapshot(engine)
                .getSchema();
    }

    private static List<String> canonical(ColumnarBatch batch, StructType schema) {
        List<String> values = new ArrayList<>();
        for (int c = 0; c < schema.length(); c++) {
            values.add(
                    CanonicalValues.of(batch.getColumnVector(c), 0, schema.at(c).getDataType()));
        }
        return values;
    }
}
