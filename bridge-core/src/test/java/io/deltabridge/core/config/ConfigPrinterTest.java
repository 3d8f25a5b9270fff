package io.deltabridge.core.config;

import static io.deltabridge.core.config.ConfigLoaderTest.ENV;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigPrinterTest {

    @Test
    void printsTheEffectiveConfigurationWithSecretsMasked() {
        BridgeConfig config = ConfigLoader.load(ConfigLoaderTest.specExample(), "bridge.yaml", ENV);
        String printed = ConfigPrinter.render(config);
        assertEquals("""
                name: insights-bridge
                kafka:
                  bootstrap.servers: broker1:9092,broker2:9092
                  sasl.jaas.config: '****'
                  sasl.mechanism: SCRAM-SHA-512
                  security.protocol: SASL_SSL
                schema-registry:
                  url: https://registry.example:8081
                  basic-auth: '****'
                delta:
                  fs.s3a.endpoint: https://s3.eu-central-1.amazonaws.com
                progress-topic: _deltabridge_progress
                mappings:
                  - name: churn-scores-out
                    from:
                      delta: s3a://lake/gold/churn_scores
                    to:
                      kafka: churn-scores
                    key: [customer_id]
                    format: json
                    key-format: json
                    changes: [insert, update]
                    envelope: row
                    headers: all
                    columns: [customer_id, score]
                    starting-version: earliest
                    poll-interval: 1s
                    max-transaction-records: 1000000
                  - name: orders-in
                    from:
                      kafka: [orders]
                    to:
                      delta: /lake/bronze/orders
                      create: true
                      partition-by: [order_date]
                      schema: 'order_id BIGINT NOT NULL, order_date DATE, amount DECIMAL(12,2), items ARRAY<STRING>'
                      table-properties: {}
                      target-file-size: 128MiB
                    format: json
                    lineage-columns: true
                    dead-letter-topic: orders-dlq
                    on-error: dead-letter
                    starting-offsets: earliest
                    flush:
                      max-records: 500000
                      max-bytes: 128MiB
                      max-interval: 30s
                """, printed);
    }

    @Test
    void printedConfigurationLoadsBackToTheSameMappings() {
        BridgeConfig config = ConfigLoader.load("""
                name: b
                kafka: { bootstrap.servers: "k:9092", ssl.truststore.password: tspw-123 }
                consumer: { max.poll.records: 2000, sasl.jaas.config: consumer-jaas-123 }
                schema-registry: { url: "http://r:8081", request.timeout.ms: 5000 }
                mappings:
                  - name: out
                    from: { delta: "/lake/with space/t" }
                    to: { kafka: o }
                    key: [a, "b,c"]
                    key-format: avro
                    changes: [delete, insert]
                    starting-version: 2024-05-01
                    poll-interval: 1500ms
                  - name: in
                    from: { kafka: [t1, t2] }
                    to:
                      delta: /t
                      table-properties: { delta.enableChangeDataFeed: true, "it's": "a: b" }
                      target-file-size: 1000
                    on-error: fail
                    starting-offsets: latest
                    flush: { max-bytes: 64MB, max-interval: 2h }
                    producer: { linger.ms: 50 }
                """, "bridge.yaml", Map.of());
        String printed = ConfigPrinter.render(config);
        assertFalse(printed.contains("tspw-123"), printed);
        assertTrue(printed.contains("ssl.truststore.password: '****'"), printed);
        assertFalse(printed.contains("consumer-jaas-123"), printed);
        BridgeConfig reloaded = ConfigLoader.load(printed, "printed.yaml", Map.of());
        assertEquals(config.mappings(), reloaded.mappings());
        assertEquals(config.schemaRegistry(), reloaded.schemaRegistry());
        assertEquals(Secrets.redact(config.kafka()), reloaded.kafka());
        assertEquals(
                Secrets.redact(config.clients().consumer()), reloaded.clients().consumer());
        assertEquals(
                config.clientOverrides("in").producer(),
                reloaded.clientOverrides("in").producer());
    }
}
