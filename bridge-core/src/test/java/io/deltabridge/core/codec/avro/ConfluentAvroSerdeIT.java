package io.deltabridge.core.codec.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.config.RegistryConfig;
import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.format.ConfluentWireFormat;
import io.deltabridge.core.registry.HttpSchemaRegistryClient;
import io.deltabridge.core.schema.DdlParser;
import io.deltabridge.core.schema.avro.AvroSchemas;
import io.deltabridge.core.vector.AllTypes;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.core.vector.TestValues;
import io.deltabridge.testkit.registry.ApicurioRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Registry + wire format + codec, both directions, against a real Apicurio Registry. */
class ConfluentAvroSerdeIT {
    private static ApicurioRegistry registry;

    @BeforeAll
    static void startRegistry() {
        registry = ApicurioRegistry.shared(); // one per test JVM; every test uses its own subjects
    }

    private static HttpSchemaRegistryClient client() {
        return new HttpSchemaRegistryClient(new RegistryConfig(registry.confluentUrl(), Optional.empty(), Map.of()));
    }

    private static ColumnarBatch batch(StructType schema, List<List<Object>> rows) {
        BatchBuilder builder = new BatchBuilder(schema);
        rows.forEach(row -> TestValues.appendRow(builder, row));
        return builder.build();
    }

    @Test
    void everyTypeThroughTheRegistryAndBack() {
        StructType schema = AllTypes.SCHEMA;
        Schema avro = AvroSchemas.toAvro(schema, "/lake/all_types");
        ColumnarBatch original = batch(schema, AllTypes.rows());
        List<byte[]> messages = new ArrayList<>();
        int id;
        try (HttpSchemaRegistryClient producerSide = client()) {
            ConfluentAvroSerde.Encoder encoder = new ConfluentAvroSerde(producerSide)
                    .encoder(
                            "all-types-value",
                            schema,
                            IntStream.range(0, schema.length()).toArray(),
                            avro);
            id = encoder.schemaId();
            for (int r = 0; r < original.getSize(); r++) {
                messages.add(encoder.encode(original, r));
            }
        }
        messages.forEach(m -> assertEquals(id, ConfluentWireFormat.schemaId(m)));

        try (HttpSchemaRegistryClient consumerSide = client()) {
            ConfluentAvroSerde.Decoder decoder = new ConfluentAvroSerde(consumerSide).decoder(schema, Set.of());
            BatchBuilder decoded = new BatchBuilder(schema);
            messages.forEach(m -> decoder.decode(m, decoded));
            assertEquals(TestValues.rows(original), TestValues.rows(decoded.build()));
            // the table schema a kafka → delta mapping would create from the registry
            assertEquals(
                    schema,
                    AvroSchemas.toDelta(
                            consumerSide.latest("all-types-value").orElseThrow().schema()));
        }
    }

    @Test
    void oldAndNewWriterSchemasLandInTheSameTable() {
        StructType v1 = DdlParser.parse("id BIGINT NOT NULL, name STRING");
        StructType v2 = DdlParser.parse("id BIGINT NOT NULL, name STRING, score DOUBLE");
        try (HttpSchemaRegistryClient client = client()) {
            ConfluentAvroSerde serde = new ConfluentAvroSerde(client);
            ConfluentAvroSerde.Encoder first =
                    serde.encoder("serde-evolving-value", v1, new int[] {0, 1}, AvroSchemas.toAvro(v1, "/t/evolving"));
            ConfluentAvroSerde.Encoder second = serde.encoder(
                    "serde-evolving-value", v2, new int[] {0, 1, 2}, AvroSchemas.toAvro(v2, "/t/evolving"));
            assertTrue(first.schemaId() != second.schemaId());
            byte[] old = first.encode(batch(v1, List.of(Arrays.asList(1L, "a"))), 0);
            byte[] recent = second.encode(batch(v2, List.of(Arrays.asList(2L, "b", 0.5))), 0);

            ConfluentAvroSerde.Decoder decoder = serde.decoder(v2, Set.of());
            BatchBuilder table = new BatchBuilder(v2);
            decoder.decode(old, table);
            decoder.decode(recent, table);
            assertEquals(
                    List.of(Arrays.asList(1L, "a", null), Arrays.asList(2L, "b", 0.5)), TestValues.rows(table.build()));

            StructType incompatible =
                    DdlParser.parse("id BIGINT NOT NULL, name STRING, score DOUBLE, required STRING NOT NULL");
            ConfigException e = assertThrows(
                    ConfigException.class,
                    () -> serde.encoder(
                            "serde-evolving-value",
                            incompatible,
                            new int[] {0, 1, 2, 3},
                            AvroSchemas.toAvro(incompatible, "/t/evolving")));
            assertTrue(e.getMessage().contains("serde-evolving-value"), e.getMessage());
        }
    }

    @Test
    void anUnknownIdIsRememberedOnlyForAWhile() {
        StructType table = DdlParser.parse("id BIGINT");
        Schema first = AvroSchemas.toAvro(DdlParser.parse("id BIGINT, brief_a STRING"), "/t/brief_a");
        Schema second = AvroSchemas.toAvro(DdlParser.parse("id BIGINT, brief_b STRING"), "/t/brief_b");
        try (HttpSchemaRegistryClient client = client()) {
            int known = client.register("serde-brief-a-value", first);
            // the id the registry gives next: not known yet (as on a registry replica that lags)
            byte[] record = ConfluentWireFormat.frame(known + 1, new byte[] {2, 2, 0}); // id: 1, brief_b: null
            ConfluentAvroSerde.Decoder forever =
                    new ConfluentAvroSerde(client, Duration.ofHours(1)).decoder(table, Set.of());
            ConfluentAvroSerde.Decoder briefly = new ConfluentAvroSerde(client, Duration.ZERO).decoder(table, Set.of());
            BatchBuilder batch = new BatchBuilder(table);
            assertThrows(DataException.class, () -> forever.decode(record, batch));
            assertThrows(DataException.class, () -> briefly.decode(record, batch));

            assertEquals(
                    known + 1, client.register("serde-brief-b-value", second), "the registry numbers schemas in order");

            assertThrows(DataException.class, () -> forever.decode(record, batch), "still remembered within the hour");
            briefly.decode(record, batch);
            assertEquals(List.of(Arrays.asList(1L)), TestValues.rows(batch.build()));
        }
    }

    @Test
    void unknownIdsAndBadFramesAreDataErrors() {
        StructType table = DdlParser.parse("id BIGINT");
        try (HttpSchemaRegistryClient client = client()) {
            ConfluentAvroSerde.Decoder decoder = new ConfluentAvroSerde(client).decoder(table, Set.of());
            BatchBuilder batch = new BatchBuilder(table);
            byte[] unknownId = ConfluentWireFormat.frame(765432, new byte[] {2});
            DataException first = assertThrows(DataException.class, () -> decoder.decode(unknownId, batch));
            assertTrue(first.getMessage().contains("765432"), first.getMessage());
            DataException again = assertThrows(DataException.class, () -> decoder.decode(unknownId, batch));
            assertSame(first, again, "remembered per id: the registry is asked once");
            assertThrows(DataException.class, () -> decoder.decode("{\"id\":1}".getBytes(), batch));
            assertThrows(DataException.class, () -> decoder.decode(new byte[] {0, 0}, batch));
            assertEquals(0, batch.rowCount());
        }
    }
}
