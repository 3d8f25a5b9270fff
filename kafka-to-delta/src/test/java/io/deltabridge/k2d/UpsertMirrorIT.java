package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.config.Envelope;
import io.deltabridge.core.config.FlushPolicy;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.StartingVersion;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.schema.DdlPrinter;
import io.deltabridge.d2k.DeltaToKafka;
import io.deltabridge.k2d.delta.DeltaAppender;
import io.deltabridge.k2d.delta.StoredOffsets;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Delta table → delta → kafka → kafka → delta {@code mode: upsert} → a mirror that equals the source:
 * the Spark-written golden tables (updates, deletes, MERGE, OPTIMIZE, deletion vectors, every type)
 * published with their deletes, in both envelopes, and applied by key. With {@code envelope: row} and
 * one commit per event, the mirror is compared with the source after every source version, from
 * Spark's own change feed of the source.
 */
@WithKafkaBroker
class UpsertMirrorIT {
    private final Engine engine = DeltaEngines.create(Map.of());

    /** @param partitioned whether the mirror is partitioned as the source is (the key does not hold the partition column) */
    @ParameterizedTest
    @CsvSource({
        "basic,ROW,false",
        "partitioned_merge,ROW,false",
        "deletion_vectors,ROW,false",
        "all_types,ROW,false",
        "basic,DEBEZIUM,false",
        "partitioned_merge,DEBEZIUM,false",
        "deletion_vectors,DEBEZIUM,false",
        "all_types,DEBEZIUM,false",
        "partitioned_merge,ROW,true",
        "partitioned_merge,DEBEZIUM,true"
    })
    void theMirrorEqualsTheSource(
            String scenario, Envelope envelope, boolean partitioned, KafkaCluster kafka, @TempDir Path dir)
            throws IOException {
        DeltaFixture fixture = DeltaFixtures.copy(scenario, dir.resolve("source"));
        List<String> key = fixture.key();
        String topic = Topics.create(kafka, "mirror-" + scenario, 1); // one partition: offsets in commit order
        Map<String, String> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
        try (var publisher = DeltaToKafka.builder()
                .bridgeName("mirror")
                .mappingName("out")
                .kafka(client)
                .table(fixture.table().toString())
                .topic(topic)
                .key(key.toArray(String[]::new))
                .format(Format.JSON)
                .envelope(envelope)
                .changes(ChangeKind.INSERT, ChangeKind.UPDATE, ChangeKind.DELETE)
                .startingVersion(new StartingVersion.Earliest())
                .progressTopic(KafkaCluster.uniqueName("progress"))
                .build()) {
            publisher.runOnce();
        }

        String sink = dir.resolve("mirror").toString();
        Snapshot sourceTable =
                TableManager.loadSnapshot(fixture.table().toString()).build(engine);
        String schema = DdlPrinter.toDdl(sourceTable.getSchema());
        List<String> partitionBy = partitioned ? sourceTable.getPartitionColumnNames() : List.of();
        KafkaToDelta.builder()
                .bridgeName("mirror")
                .name("in")
                .kafka(client)
                .topics(topic)
                .table(sink)
                .create(true)
                .partitionBy(partitionBy.toArray(String[]::new))
                .schema(schema)
                .upsert(key.toArray(String[]::new))
                .envelope(envelope)
                .flush(new FlushPolicy(1, 1 << 20, Duration.ofMinutes(1)))
                .build()
                .runOnce();

        SourceStates source = new SourceStates(fixture, kafka.readAll(topic, Duration.ofSeconds(10)));
        assertEquals(source.at(source.lastVersion()), mirrorAt(sink, -1, key), "the mirror's final rows");
        assertEquals(partitionBy, TableManager.loadSnapshot(sink).build(engine).getPartitionColumnNames());
        if (envelope == Envelope.ROW) {
            // a commit per event, none skipped: after each source version's last event there is a commit
            Set<Long> checked = new TreeSet<>();
            Snapshot latest = TableManager.loadSnapshot(sink).build(engine);
            for (long v = 1; v <= latest.getVersion(); v++) {
                Snapshot s = TableManager.loadSnapshot(sink).atVersion(v).build(engine);
                long applied = StoredOffsets.fromJson(
                                "d",
                                s.getDomainMetadata(StoredOffsets.domain("mirror", "in"))
                                        .orElseThrow())
                        .get(new TopicPartition(topic, 0));
                Long version = source.versionAppliedBelow(applied);
                if (version != null) {
                    assertEquals(source.at(version), mirrorAt(sink, v, key), "the mirror at source version " + version);
                    checked.add(version);
                }
            }
            assertEquals(source.versionsWithEvents(), checked.size(), "every source version compared: " + checked);
        }
    }

    /** The mirror's data rows by key (at {@code version}, or the latest with -1), failing on a duplicate key. */
    private Map<String, ObjectNode> mirrorAt(String sink, long version, List<String> key) {
        Snapshot s = version < 0
                ? DeltaAppender.latest(engine, sink).orElseThrow()
                : TableManager.loadSnapshot(sink).atVersion(version).build(engine);
        Map<String, ObjectNode> rows = new TreeMap<>();
        for (ObjectNode row : TableRows.read(engine, s)) {
            LineageColumns.ALL.forEach(row::remove);
            row.remove("_rescued_data");
            String k = SourceStates.keyOf(row, key);
            assertFalse(rows.containsKey(k), "key " + k + " twice");
            rows.put(k, TableRows.normalise(row));
        }
        return rows;
    }
}
