package io.deltabridge.testkit;

import io.deltabridge.embedded.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A running test broker plus the helpers tests need: topics, producing, and reading back what a
 * {@code read_committed} consumer sees. Obtain it from {@link KafkaBrokerExtension} or {@link #start()}.
 * Thread-safe.
 */
public final class KafkaCluster implements AutoCloseable {
    private static final AtomicInteger TOPIC_SEQUENCE = new AtomicInteger();
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long a read waits for pending transactions to be resolved (see {@link #settledEndOffsets}). */
    private static final Duration MARKER_GRACE = Duration.ofSeconds(5);

    private final EmbeddedKafkaBroker broker;
    private KafkaProducer<byte[], byte[]> producer;

    private KafkaCluster(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    /** Starts a new broker; close the cluster to stop it. */
    public static KafkaCluster start() {
        return new KafkaCluster(new EmbeddedKafkaBroker().start());
    }

    /** Wraps a running broker (closing the cluster closes the broker). */
    public static KafkaCluster of(EmbeddedKafkaBroker broker) {
        return new KafkaCluster(broker);
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** A fresh mutable map with {@code bootstrap.servers}; add client settings on top. */
    public Map<String, Object> clientProperties() {
        return broker.clientProperties();
    }

    /** The broker's admin client (do not close it). */
    public Admin admin() {
        return broker.admin();
    }

    public void createTopic(String name, int partitions) {
        broker.createTopic(name, partitions);
    }

    public void createTopic(String name, int partitions, Map<String, String> topicConfigs) {
        broker.createTopic(name, partitions, topicConfigs);
    }

    public void createCompactedTopic(String name, int partitions) {
        broker.createCompactedTopic(name, partitions);
    }

    /** Creates {@code <prefix>-<n>} with a number unique in this JVM and returns its name (for shared brokers). */
    public String createUniqueTopic(String prefix, int partitions) {
        String name = uniqueName(prefix);
        createTopic(name, partitions);
        return name;
    }

    /** {@code <prefix>-<n>}, unique in this JVM: for topics, transactional ids and group ids on a shared broker. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + TOPIC_SEQUENCE.incrementAndGet();
    }

    /** Sends a UTF-8 key/value record (either may be null) and waits until it is acknowledged. */
    public RecordMetadata produce(String topic, String key, String value) {
        return produce(topic, key, value, Map.of());
    }

    /** Sends a UTF-8 key/value record with UTF-8 headers and waits until it is acknowledged. */
    public RecordMetadata produce(String topic, String key, String value, Map<String, String> headers) {
        RecordHeaders h = new RecordHeaders();
        headers.forEach((k, v) -> h.add(k, v == null ? null : v.getBytes(StandardCharsets.UTF_8)));
        return produce(List.of(new ProducerRecord<>(topic, null, utf8(key), utf8(value), h)))
                .get(0);
    }

    /** Sends records (idempotent producer, acks=all) and waits until all are acknowledged; returns their metadata in order. */
    public List<RecordMetadata> produce(List<ProducerRecord<byte[], byte[]>> records) {
        KafkaProducer<byte[], byte[]> p = producer();
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (ProducerRecord<byte[], byte[]> r : records) {
            sent.add(p.send(r));
        }
        p.flush();
        List<RecordMetadata> out = new ArrayList<>(sent.size());
        try {
            for (Future<RecordMetadata> f : sent) {
                out.add(await(f));
            }
        } catch (RuntimeException e) {
            discardProducer(p); // its sequence state may be broken: later tests get a fresh one
            throw e;
        }
        return out;
    }

    /**
     * Everything a {@code read_committed} consumer sees from the beginning of every partition up to the
     * end offsets (last stable offsets) taken at the call, once settled ({@link #settledEndOffsets}), ordered by
     * partition, then offset. Fails when those offsets are not reached within {@code timeout}.
     */
    public List<ConsumedRecord> readAll(String topic, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer = readCommittedConsumer()) {
            List<TopicPartition> partitions = assignFromBeginning(consumer, topic);
            Map<TopicPartition, Long> end = settledEndOffsets(consumer, partitions);
            List<ConsumedRecord> out = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("read " + out.size() + " records of " + topic
                            + " but not up to its end offsets " + end + " within " + timeout);
                }
                consumer.poll(POLL).forEach(r -> out.add(ConsumedRecord.of(r)));
            }
            out.sort(ORDER);
            return out;
        }
    }

    /**
     * Reads ({@code read_committed}) from the beginning until at least {@code count} records arrived and returns
     * all records read by then (possibly more than {@code count}), ordered by partition, then offset.
     * Fails when fewer arrive within {@code timeout}.
     */
    public List<ConsumedRecord> readUntil(String topic, int count, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer = readCommittedConsumer()) {
            assignFromBeginning(consumer, topic);
            List<ConsumedRecord> out = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("read " + out.size() + " of " + count + " records from " + topic
                            + " within " + timeout + ": " + out);
                }
                consumer.poll(POLL).forEach(r -> out.add(ConsumedRecord.of(r)));
            }
            out.sort(ORDER);
            return out;
        }
    }

    /** Per-partition end offsets a {@code read_committed} consumer sees (the last stable offsets), settled. */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = readCommittedConsumer()) {
            return settledEndOffsets(consumer, partitions(consumer, topic));
        }
    }

    /**
     * The last stable offsets once no transaction is pending on the partitions, or as they are after {@link
     * #MARKER_GRACE}. A transaction's commit markers reach its partitions after {@code commitTransaction()} has
     * returned (the coordinator writes them asynchronously), so right after a producer, e.g. a bridge run that just
     * exited, committed, the last stable offset may still stand before that transaction and a read would miss it.
     * A transaction left open (a killed producer) keeps them apart until the grace has passed.
     */
    private Map<TopicPartition, Long> settledEndOffsets(
            KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        long deadline = System.nanoTime() + MARKER_GRACE.toNanos();
        try (KafkaConsumer<byte[], byte[]> uncommitted =
                newConsumer(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"))) {
            while (true) {
                Map<TopicPartition, Long> stable = consumer.endOffsets(partitions);
                if (stable.equals(uncommitted.endOffsets(partitions)) || System.nanoTime() > deadline) {
                    return stable;
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for pending transactions", e);
        }
    }

    /** A new byte-array consumer ({@code read_committed}, no group, earliest); the caller closes it. */
    public KafkaConsumer<byte[], byte[]> newConsumer(Map<String, Object> overrides) {
        Map<String, Object> props = clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.putAll(overrides);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * A new byte-array producer (acks=all, idempotent, one request in flight) with overrides, e.g. a
     * {@code transactional.id}; the caller closes it.
     *
     * <p>One request in flight because tests produce to just-created partitions: the broker may refuse the
     * first batch (not yet leader) and accept a later one, after which the retried first batch is out of
     * sequence for ever: it fails with {@code OutOfOrderSequenceException} or stays unsent until the delivery
     * timeout (both seen in CI).
     */
    public KafkaProducer<byte[], byte[]> newProducer(Map<String, Object> overrides) {
        Map<String, Object> props = clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        props.putAll(overrides);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Stops the broker and deletes its data. */
    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
        broker.close();
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = newProducer(Map.of(ProducerConfig.LINGER_MS_CONFIG, "0"));
        }
        return producer;
    }

    private synchronized void discardProducer(KafkaProducer<byte[], byte[]> failed) {
        if (producer == failed) {
            producer = null;
        }
        failed.close(Duration.ZERO);
    }

    private KafkaConsumer<byte[], byte[]> readCommittedConsumer() {
        return newConsumer(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"));
    }

    private static List<TopicPartition> assignFromBeginning(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        var infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new AssertionError("topic " + topic + " does not exist");
        }
        return infos.stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static final Comparator<ConsumedRecord> ORDER =
            Comparator.comparingInt(ConsumedRecord::partition).thenComparingLong(ConsumedRecord::offset);

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static RecordMetadata await(Future<RecordMetadata> f) {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not produce: " + e, e);
        }
    }
}
