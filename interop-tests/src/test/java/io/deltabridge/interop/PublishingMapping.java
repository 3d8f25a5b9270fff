package io.deltabridge.interop;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.config.Envelope;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.StartingVersion;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.d2k.DeltaToKafka;
import io.deltabridge.d2k.DeltaToKafkaPipeline;
import io.deltabridge.testkit.KafkaCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/** One delta → kafka mapping a case runs on its table: format, envelope and {@code changes} filter, and its topic. */
record PublishingMapping(Format format, Envelope envelope, Set<ChangeKind> changes, String topic) {

    /** JSON rows and Avro Debezium events of every change, plus one more random combination. */
    static List<PublishingMapping> pick(Random r, KafkaCluster kafka) {
        List<PublishingMapping> out = new ArrayList<>();
        out.add(create(Format.JSON, Envelope.ROW, EnumSet.allOf(ChangeKind.class), kafka));
        out.add(create(Format.AVRO, Envelope.DEBEZIUM, EnumSet.allOf(ChangeKind.class), kafka));
        Set<ChangeKind> some = EnumSet.noneOf(ChangeKind.class);
        while (some.isEmpty()) {
            for (ChangeKind k : ChangeKind.values()) {
                if (r.nextBoolean()) {
                    some.add(k);
                }
            }
        }
        out.add(create(Format.values()[r.nextInt(2)], Envelope.values()[r.nextInt(2)], some, kafka));
        return out;
    }

    private static PublishingMapping create(
            Format format, Envelope envelope, Set<ChangeKind> changes, KafkaCluster kafka) {
        return new PublishingMapping(
                format,
                envelope,
                changes,
                kafka.createUniqueTopic(
                        format.name().toLowerCase() + "-" + envelope.name().toLowerCase(), 2));
    }

    /** The pipeline of this mapping; {@code reset} drops its progress first (then it starts at {@code startingVersion}). */
    DeltaToKafkaPipeline pipeline(
            String table,
            long startingVersion,
            boolean reset,
            Duration pollInterval,
            KafkaCluster kafka,
            SchemaRegistryClient registry) {
        Map<String, String> settings = new HashMap<>();
        kafka.clientProperties().forEach((k, v) -> settings.put(k, String.valueOf(v)));
        DeltaToKafka.Builder b = DeltaToKafka.builder()
                .bridgeName("interop")
                .mappingName(topic)
                .table(table)
                .topic(topic)
                .key("id")
                .format(format)
                .envelope(envelope)
                .changes(changes.toArray(ChangeKind[]::new))
                .startingVersion(new StartingVersion.AtVersion(startingVersion))
                .resetProgress(reset)
                .pollInterval(pollInterval)
                .kafka(settings);
        return (format == Format.AVRO ? b.schemaRegistry(registry) : b).build();
    }

    Function<byte[], JsonNode> decoder(SchemaRegistryClient registry) {
        if (format == Format.AVRO) {
            return new AvroJson(registry)::decode;
        }
        return PublishingMapping::json;
    }

    /** Records one version's events take on the topic: Debezium deletes are followed by a tombstone. */
    int records(List<ChangeEvent> events) {
        long deletes =
                events.stream().filter(e -> e.changeType().equals("delete")).count();
        return (int) (events.size() + (envelope == Envelope.DEBEZIUM ? deletes : 0));
    }

    static JsonNode json(byte[] bytes) {
        try {
            return SparkSql.JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return format + "/" + envelope + "/" + changes;
    }
}
