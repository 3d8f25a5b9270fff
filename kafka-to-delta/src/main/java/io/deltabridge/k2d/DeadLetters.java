package io.deltabridge.k2d;

import io.deltabridge.core.error.DataException;
import io.deltabridge.core.error.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
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
    /** The error message header at most, in UTF-8 bytes (it may quote the whole bad value). */
    static final int MAX_MESSAGE_BYTES = 4096;

    /** Kafka's framing of one record in a batch of its own, at most: batch header, record header, varints per header. */
    private static final int BATCH_OVERHEAD = 61 + 21;

    private static final int HEADER_OVERHEAD = 10;
    private static final byte[] TRUNCATED = utf8("… [truncated]");

    private final String topic;
    private final Producer<byte[], byte[]> producer;
    /** The dead-letter producer's {@code max.request.size}: no record may be larger. */
    private final int maxRequestSize;

    private final List<Future<RecordMetadata>> inFlight = new ArrayList<>();

    DeadLetters(String topic, Producer<byte[], byte[]> producer, int maxRequestSize) {
        this.topic = topic;
        this.producer = producer;
        this.maxRequestSize = maxRequestSize;
    }

    /**
     * Sends {@code record} unchanged plus the error and source headers. The error message is cut to
     * {@link #MAX_MESSAGE_BYTES}, and further to what still fits under {@code max.request.size}.
     *
     * @throws DataException when the record cannot fit the dead-letter producer even without a message
     */
    void send(ConsumerRecord<byte[], byte[]> record, DataException error) {
        Headers headers = headersWithoutMessage(record, error);
        long room = maxRequestSize - sizeWithout(record, headers) - ERROR_MESSAGE.length() - HEADER_OVERHEAD;
        if (room < TRUNCATED.length) {
            throw Problem.of(
                            "Record %s-%d@%d cannot be written to the dead-letter topic '%s': with its headers it takes about %d bytes, "
                                    + "more than the dead-letter producer's max.request.size of %d bytes",
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            topic,
                            sizeWithout(record, headers) + TRUNCATED.length,
                            maxRequestSize)
                    .because("%s", truncate(utf8(String.valueOf(error.getMessage())), 200))
                    .fix("raise 'max.request.size' under 'kafka:' and the topic's 'max.message.bytes' above that size; "
                            + "nothing after the record was committed, it will be read again")
                    .data(error);
        }
        headers.add(ERROR_MESSAGE, truncate(utf8(String.valueOf(error.getMessage())), (int)
                Math.min(MAX_MESSAGE_BYTES, room)));
        inFlight.add(producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers)));
    }

    /**
     * The headers of {@code record}'s dead letter: its own plus the error and source headers, the message cut to
     * {@link #MAX_MESSAGE_BYTES}; for a runtime whose own producer sends the dead letters (Kafka Connect).
     */
    static Headers headers(ConsumerRecord<byte[], byte[]> record, DataException error) {
        Headers headers = headersWithoutMessage(record, error);
        headers.add(ERROR_MESSAGE, truncate(utf8(String.valueOf(error.getMessage())), MAX_MESSAGE_BYTES));
        return headers;
    }

    /** The record's own headers plus the error class and the source headers (how much of the message fits varies). */
    private static Headers headersWithoutMessage(ConsumerRecord<byte[], byte[]> record, DataException error) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(
                ERROR_CLASS,
                utf8((error.getCause() != null ? error.getCause() : error)
                        .getClass()
                        .getName()));
        headers.add(SOURCE_TOPIC, utf8(record.topic()));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(record.offset())));
        return headers;
    }

    /** An upper bound of the record's size in a batch of its own, headers included. */
    private static long sizeWithout(ConsumerRecord<byte[], byte[]> record, Headers headers) {
        long size = BATCH_OVERHEAD + length(record.key()) + length(record.value());
        for (Header h : headers) {
            size += HEADER_OVERHEAD + utf8(h.key()).length + length(h.value());
        }
        return size;
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    /** {@code text} in at most {@code max} bytes, cut at a character boundary and marked when cut. */
    static byte[] truncate(byte[] text, int max) {
        if (text.length <= max) {
            return text;
        }
        int end = max - TRUNCATED.length;
        while (end > 0 && (text[end] & 0xC0) == 0x80) {
            end--; // not inside a multi-byte character
        }
        byte[] out = Arrays.copyOf(text, end + TRUNCATED.length);
        System.arraycopy(TRUNCATED, 0, out, end, TRUNCATED.length);
        return out;
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
                    .fix(
                            "check that the topic exists and the bridge may write to it; nothing was committed, the records will be read again")
                    .runtime(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problem.of("Interrupted while writing to the dead-letter topic '%s'", topic)
                    .runtime(e);
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
