package io.deltabridge.d2k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** When a transaction is due to be committed: a third of transaction.timeout.ms after it began, on the clock given. */
class TransactionalProducerTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final MockProducer<byte[], byte[]> kafka =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final TransactionalProducer producer =
            new TransactionalProducer(kafka, null, Duration.ofMillis(3_000), now::get);

    @Test
    void aTransactionIsDueAThirdOfTheTimeoutAfterItBegan() {
        producer.fence();
        assertFalse(producer.splitDue(), "no transaction open");
        assertEquals(Duration.ofMillis(3_000), producer.untilSplit());

        producer.beginIfNeeded();
        advance(Duration.ofMillis(999));
        assertFalse(producer.splitDue());
        assertEquals(Duration.ofMillis(1), producer.untilSplit());
        advance(Duration.ofMillis(1));
        assertFalse(producer.splitDue(), "due only once more than a third has passed");
        advance(Duration.ofNanos(1));
        assertTrue(producer.splitDue());
        assertTrue(producer.untilSplit().isNegative());
        assertEquals(
                Duration.ofMillis(-500).minusNanos(1), producer.untilSplit(Duration.ofMillis(500)), "a shorter limit");
    }

    @Test
    void theNextTransactionStartsItsOwnClock() {
        producer.fence();
        producer.beginIfNeeded();
        advance(Duration.ofMillis(1_500));
        assertTrue(producer.splitDue());
        producer.beginIfNeeded();
        assertTrue(producer.splitDue(), "beginIfNeeded keeps the open transaction");

        producer.commit(new ProducerRecord<>("progress", new byte[] {1}));
        assertFalse(producer.splitDue(), "committed: none open");
        producer.beginIfNeeded();
        assertFalse(producer.splitDue());
        assertEquals(1, kafka.history().size());
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }
}
