package io.deltabridge.core.kafka;

import io.deltabridge.core.error.Problem;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Builds real Kafka clients: the file's settings, then the caller's overrides, byte-array (de)serializers. */
public final class PropertiesKafkaClientFactory implements KafkaClientFactory {
    private final Map<String, String> settings;

    public PropertiesKafkaClientFactory(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    @Override
    public Producer<byte[], byte[]> producer(Map<String, Object> overrides) {
        return create(() -> new KafkaProducer<>(merge(overrides), new ByteArraySerializer(), new ByteArraySerializer()));
    }

    @Override
    public Consumer<byte[], byte[]> consumer(Map<String, Object> overrides) {
        return create(() -> new KafkaConsumer<>(merge(overrides), new ByteArrayDeserializer(), new ByteArrayDeserializer()));
    }

    @Override
    public Admin admin() {
        return create(() -> Admin.create(merge(Map.of())));
    }

    @Override
    public Map<String, String> settings() {
        return settings;
    }

    /**
     * Runs a client's constructor. Kafka's JAAS parser quotes the text it chokes on, which for a stray
     * quote is the rest of the password: such an error is replaced by one that keeps neither its
     * message nor its cause (a trace would print it).
     */
    private static <T> T create(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (KafkaException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof IllegalArgumentException && String.valueOf(cause.getMessage()).contains("JAAS config")) {
                    throw Problem.of("kafka 'sasl.jaas.config' is not a valid JAAS configuration")
                            .because("Kafka could not parse it (its message is left out: it may quote part of the password)")
                            .fix("write it as <login module class> required username=\"<user>\" password=\"<password>\";"
                                    + " with every value in double quotes and a semicolon at the end")
                            .config();
                }
            }
            throw e;
        }
    }

    private Map<String, Object> merge(Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>(settings);
        props.putAll(overrides);
        return props;
    }
}
