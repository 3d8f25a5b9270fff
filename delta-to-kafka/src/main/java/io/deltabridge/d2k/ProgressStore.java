package io.deltabridge.d2k;

import io.deltabridge.core.error.Problem;
import io.deltabridge.core.kafka.KafkaClientFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress of one mapping in the compacted progress topic (SPEC §4): one record per
 * transaction under the key {@code <bridge>/<mapping>}, written in the same transaction as the
 * events it accounts for, read back with {@code read_committed} on start.
 *
 * <p>Reading to the partition's end offset is not enough: read_committed stops at the last
 * stable offset, and every mapping (and any other producer) shares the partition, so one open
 * transaction anywhere pins it below this mapping's latest records and an older progress would
 * be taken for the last one. read_uncommitted alone cannot tell committed from aborted records.
 * So the store first finds this mapping's last record of any outcome (read_uncommitted to the
 * high watermark), then reads read_committed until the last stable offset passes it. Once this
 * mapping's producer has fenced (initTransactions completes its own previous transaction), only
 * a foreign transaction opened before that record can hold the read up, and the coordinator
 * aborts it after its transaction timeout: the wait is bounded by the broker's
 * transaction.max.timeout.ms. Foreign transactions opened after the mapping's last record do not
 * delay it at all.
 */
final class ProgressStore {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressStore.class);
    /**
     * Every mapping's progress lives in partition 0. The partition of a key must never change (a
     * moved key finds no progress and replays its history), and the default partitioner's
     * {@code murmur2(key) % partitions} changes when partitions are added; partition 0 exists in
     * every topic and stays where it is. One partition holds the progress of thousands of
     * mappings (one small compacted record each), so nothing is lost by not spreading them.
     */
    private static final int PARTITION = 0;

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(500);
    /**
     * How long a foreign open transaction may hide this mapping's progress: the broker's default
     * transaction.max.timeout.ms (15 min), after which the coordinator aborts any transaction,
     * plus its default check interval for timed-out transactions and some slack.
     */
    static final Duration OPEN_TRANSACTION_WAIT = Duration.ofMinutes(16);

    private final KafkaClientFactory kafka;
    private final String topic;
    private final byte[] key;
    private final String keyText;

    ProgressStore(KafkaClientFactory kafka, String topic, String bridge, String mapping) {
        this.kafka = kafka;
        this.topic = topic;
        this.keyText = bridge + "/" + mapping;
        this.key = keyText.getBytes(StandardCharsets.UTF_8);
    }

    String topic() {
        return topic;
    }

    String key() {
        return keyText;
    }

    /** Creates the topic (compacted, one partition) if it is missing, and checks that it keeps progress forever. */
    void ensureTopic() {
        try (Admin admin = kafka.admin()) {
            Topics.ensure(
                    admin,
                    topic,
                    Optional.of(1),
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                    "progress topic",
                    "create it (cleanup.policy=compact, 1 partition), allow the bridge to create topics, or set"
                            + " 'progress-topic' to an existing compacted topic");
            requireCompacted(admin);
        }
    }

    /** Like {@link #ensureTopic()} without creating anything: false when the topic does not exist. */
    boolean topicExists() {
        try (Admin admin = kafka.admin()) {
            boolean exists = Topics.partitions(admin, topic).isPresent();
            if (exists) {
                requireCompacted(admin);
            }
            return exists;
        }
    }

    /** A progress record that retention deletes is a mapping that publishes its history again. */
    private void requireCompacted(Admin admin) {
        Optional<String> policy = Topics.config(admin, topic, TopicConfig.CLEANUP_POLICY_CONFIG);
        if (policy.isPresent() && !policy.get().equals(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            throw Problem.of("The progress topic '%s' has cleanup.policy=%s", topic, policy.get())
                    .because("retention would delete the progress of idle mappings, which then publish their"
                            + " history again; only cleanup.policy=compact keeps the last record of every key")
                    .fix(
                            "run kafka-configs.sh --alter --entity-type topics --entity-name %s --add-config"
                                    + " cleanup.policy=compact, or set 'progress-topic' to a compacted topic",
                            topic)
                    .config();
        }
    }

    /**
     * The last committed progress of the mapping, if any. Waits while another producer's open
     * transaction keeps the last stable offset at or below this mapping's last record, up to
     * {@link #OPEN_TRANSACTION_WAIT}; call it after fencing, so that none of this mapping's own
     * transactions is still open.
     */
    Optional<Progress> read() {
        Reading reading = retryUnhosted(() -> readOnce(OPEN_TRANSACTION_WAIT));
        if (!reading.settled()) {
            throw Problem.of(
                            "The progress of mapping '%s' in '%s' is hidden behind an open transaction", keyText, topic)
                    .because(
                            "partition %d has a transaction open for more than %ss that started before the"
                                    + " mapping's last progress record",
                            PARTITION, OPEN_TRANSACTION_WAIT.toSeconds())
                    .fix("find the producer (kafka-transactions.sh --describe / list) and abort it"
                            + " (kafka-transactions.sh abort), then run again")
                    .retriable(null);
        }
        return reading.progress();
    }

    /**
     * The progress committed as far as the partition is readable right now, and whether that is
     * the mapping's last word: not settled when an open transaction (a crashed predecessor of this
     * mapping, or another producer) hides records up to its last one. For status and the up-to-date check.
     */
    Reading readNow() {
        return retryUnhosted(() -> readOnce(Duration.ZERO));
    }

    /** Committed progress, and whether nothing of the mapping's own lies beyond what could be read. */
    record Reading(Optional<Progress> progress, boolean settled) {}

    private Reading retryUnhosted(Supplier<Reading> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (UnknownTopicOrPartitionException e) {
                // a topic created a moment ago may not be hosted yet by the partition's leader
                if (attempt == 5) {
                    throw Problem.of("The progress topic '%s' is not readable", topic)
                            .because("%s", e.getMessage())
                            .fix("check that the brokers are healthy")
                            .retriable(e);
                }
                sleep(attempt * 500L);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the progress topic", e);
        }
    }

    private Reading readOnce(Duration openTransactionWait) {
        TopicPartition tp = new TopicPartition(topic, PARTITION);
        long ownEnd = endOfOwnRecords(tp);
        if (ownEnd == 0) {
            return new Reading(Optional.empty(), true);
        }
        Consumer<byte[], byte[]> consumer = kafka.consumer(readOverrides("read_committed"));
        try {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            byte[] last = null;
            long readDeadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            long waitDeadline = System.nanoTime() + openTransactionWait.toNanos();
            boolean warned = false;
            while (consumer.position(tp, READ_TIMEOUT) < ownEnd) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    if (Arrays.equals(key, r.key())) {
                        last = r.value();
                    }
                }
                long position = consumer.position(tp, READ_TIMEOUT);
                if (position >= ownEnd) {
                    // before asking for the end offset: that request waits behind the fetch now pending at the
                    // partition's end, for up to fetch.max.wait.ms
                    break;
                }
                long stable = consumer.endOffsets(List.of(tp), READ_TIMEOUT).get(tp);
                if (position < stable) {
                    if (System.nanoTime() > readDeadline) {
                        throw notReadable(stable);
                    }
                    continue;
                }
                // an open transaction pins the last stable offset below the mapping's last record
                if (System.nanoTime() > waitDeadline) {
                    return new Reading(progress(last), false);
                }
                if (!warned) {
                    LOG.warn(
                            "Progress of {}: an open transaction on {}-{} holds the last stable offset at {}, below"
                                    + " this mapping's last record (offset {}); waiting for it to end (at the latest when"
                                    + " its transaction.timeout.ms expires)",
                            keyText,
                            topic,
                            PARTITION,
                            stable,
                            ownEnd - 1);
                    warned = true;
                }
                readDeadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            }
            return new Reading(progress(last), true);
        } finally {
            closeNow(consumer);
        }
    }

    /**
     * The offset after this mapping's last record in the partition, committed, aborted or still
     * open (read_uncommitted up to the high watermark); 0 when it has none.
     */
    private long endOfOwnRecords(TopicPartition tp) {
        Consumer<byte[], byte[]> consumer = kafka.consumer(readOverrides("read_uncommitted"));
        try {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), READ_TIMEOUT).get(tp);
            long ownEnd = 0;
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (consumer.position(tp, READ_TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw notReadable(end);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    if (Arrays.equals(key, r.key())) {
                        ownEnd = r.offset() + 1;
                    }
                }
            }
            return ownEnd;
        } finally {
            closeNow(consumer);
        }
    }

    /**
     * A reader that has read to the end has its next fetch waiting at the broker for new records (up to
     * {@code fetch.max.wait.ms}, 500 ms by default), and a graceful close waits behind it. An assigned reader
     * has no offsets to commit and no group to leave, so it closes at once.
     */
    private static void closeNow(Consumer<byte[], byte[]> consumer) {
        consumer.close(CloseOptions.timeout(Duration.ZERO));
    }

    private static Map<String, Object> readOverrides(String isolation) {
        return Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                isolation,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
    }

    private Optional<Progress> progress(byte[] value) {
        return value == null ? Optional.empty() : Optional.of(Progress.fromJson(value, topic + "/" + keyText));
    }

    private RuntimeException notReadable(long end) {
        return Problem.of(
                        "Could not read the progress topic '%s' to its end within %ss", topic, READ_TIMEOUT.toSeconds())
                .because("the broker returned no records up to offset %d", end)
                .fix("check that the brokers are healthy and that the client may read '%s'", topic)
                .retriable(null);
    }

    /** The record that stores {@code progress}; send it inside the transaction of the events it covers. */
    ProducerRecord<byte[], byte[]> record(Progress progress) {
        return new ProducerRecord<>(topic, PARTITION, key, progress.toJson());
    }
}
