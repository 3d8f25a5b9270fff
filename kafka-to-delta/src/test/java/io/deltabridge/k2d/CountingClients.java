package io.deltabridge.k2d;

import io.deltabridge.core.kafka.KafkaClientFactory;
import io.deltabridge.core.kafka.PropertiesKafkaClientFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/** Real Kafka clients, counted: the producers created and the consumers' subscriptions (each one a group join). */
final class CountingClients implements KafkaClientFactory {
    final AtomicInteger producers = new AtomicInteger();
    final AtomicInteger subscriptions = new AtomicInteger();
    private final KafkaClientFactory real;

    CountingClients(Map<String, String> settings) {
        this.real = new PropertiesKafkaClientFactory(settings);
    }

    @Override
    public Producer<byte[], byte[]> producer(Map<String, Object> overrides) {
        producers.incrementAndGet();
        return real.producer(overrides);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Consumer<byte[], byte[]> consumer(Map<String, Object> overrides) {
        Consumer<byte[], byte[]> consumer = real.consumer(overrides);
        return (Consumer<byte[], byte[]>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Consumer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("subscribe")) {
                        subscriptions.incrementAndGet();
                    }
                    try {
                        return method.invoke(consumer, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Admin admin() {
        return real.admin();
    }

    @Override
    public Map<String, String> settings() {
        return real.settings();
    }
}
