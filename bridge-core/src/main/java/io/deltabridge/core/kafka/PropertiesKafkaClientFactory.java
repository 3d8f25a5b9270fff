package io.deltabridge.core.kafka;

import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.ClientOverrides;
import io.deltabridge.core.config.ClientRole;
import io.deltabridge.core.error.Problem;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Builds real Kafka clients: the file's {@code kafka:} settings, the role's settings over them
 * ({@code producer:} / {@code consumer:} / {@code admin:}), then the caller's overrides, with
 * byte-array (de)serializers.
 */
public final class PropertiesKafkaClientFactory implements KafkaClientFactory {
    private final Map<String, String> settings;
    private final ClientOverrides roles;
    private final Function<String, ClientOverrides> mappingRoles;

    /** Every client built from {@code settings} alone. */
    public PropertiesKafkaClientFactory(Map<String, String> settings) {
        this(settings, ClientOverrides.NONE, mapping -> ClientOverrides.NONE);
    }

    /** Clients as a mapping file configures them: {@code kafka:}, and the per-role settings of the file and of each mapping. */
    public PropertiesKafkaClientFactory(BridgeConfig config) {
        this(config.kafka(), config.clients(), config::clientOverrides);
    }

    private PropertiesKafkaClientFactory(
            Map<String, String> settings, ClientOverrides roles, Function<String, ClientOverrides> mappingRoles) {
        this.settings = Map.copyOf(settings);
        this.roles = roles;
        this.mappingRoles = mappingRoles;
    }

    @Override
    public Producer<byte[], byte[]> producer(Map<String, Object> overrides) {
        return create(() -> new KafkaProducer<>(
                merge(ClientRole.PRODUCER, overrides), new ByteArraySerializer(), new ByteArraySerializer()));
    }

    @Override
    public Consumer<byte[], byte[]> consumer(Map<String, Object> overrides) {
        return create(() -> new KafkaConsumer<>(
                merge(ClientRole.CONSUMER, overrides), new ByteArrayDeserializer(), new ByteArrayDeserializer()));
    }

    @Override
    public Admin admin() {
        return create(() -> Admin.create(merge(ClientRole.ADMIN, Map.of())));
    }

    @Override
    public Map<String, String> settings() {
        return settings;
    }

    @Override
    public Map<String, String> settings(ClientRole role) {
        return roles.over(settings, role);
    }

    @Override
    public KafkaClientFactory forMapping(String mappingName) {
        return new PropertiesKafkaClientFactory(settings, mappingRoles.apply(mappingName), mappingRoles);
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
                if (cause instanceof IllegalArgumentException
                        && String.valueOf(cause.getMessage()).contains("JAAS config")) {
                    throw Problem.of("kafka 'sasl.jaas.config' is not a valid JAAS configuration")
                            .because(
                                    "Kafka could not parse it (its message is left out: it may quote part of the password)")
                            .fix(
                                    "write it as <login module class> required username=\"<user>\" password=\"<password>\";"
                                            + " with every value in double quotes and a semicolon at the end")
                            .config();
                }
            }
            throw e;
        }
    }

    private Map<String, Object> merge(ClientRole role, Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>(settings(role));
        props.putAll(overrides);
        return props;
    }
}
