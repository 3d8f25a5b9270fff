package io.deltabridge.k2d;

import io.deltabridge.core.error.Problem;
import io.deltabridge.core.error.DataException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends records that cannot be decoded to the dead-letter topic unchanged (key, value,
 * headers) plus the error and source headers of SPEC §5. {@link #awaitDurable()} must return
 * before the Delta commit that moves the offsets past them, so none is ever lost.
 */
final class DeadLetters implements AutoCloseable {
    static final String ERROR_CLASS = "deltabridge.error.class";
    static final String ERROR_MESSAGE = "deltabridge.error.message";
    static final String SOURCE_TOPIC = "deltabridge.source.topic";
    static final String SOURCE_PARTITION = "deltabridge.source.partition";
    static final String SOURCE_OFFSET = "deltabridge.source.offset";

    private final String topic;
    private final Producer<byte[], byte[]> producer;
    private final List<Future<RecordMetadata>> inFlight = new ArrayList<>();

    DeadLetters(String topic, Producer<byte[], byte[]> producer) {
        this.topic = topic;
        this.producer = producer;
    }

    void send(ConsumerRecord<byte[], byte[]> record, DataException error) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(ERROR_CLASS, utf8((error.getCause() != null ? error.getCause() : error).getClass().getName()));
        headers.add(ERROR_MESSAGE, utf8(String.valueOf(error.getMessage())));
        headers.add(SOURCE_TOPIC, utf8(record.topic()));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(record.offset())));
        inFlight.add(producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers)));
    }

    /** Waits until every record sent so far is acknowledged (acks=all); fails the batch otherwise. */
    void awaitDurable() {
        if (inFlight.isEmpty()) {
            return;
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> f : inFlight) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw Problem.of("A record could not be written to the dead-letter topic '%s'", topic)
                    .because("%s", e.getCause().getMessage())
                    .fix("check that the topic exists and the bridge may write to it; nothing was committed, the records will be read again")
                    .runtime(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problem.of("Interrupted while writing to the dead-letter topic '%s'", topic).runtime(e);
        } finally {
            inFlight.clear();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
