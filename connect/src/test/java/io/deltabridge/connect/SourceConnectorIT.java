package io.deltabridge.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.config.ConfigLoader;
import io.deltabridge.core.pipeline.Bridge;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** The source connector on a real Connect cluster, deployed through its REST API. */
class SourceConnectorIT extends WithConnectCluster {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** The workers found the connector in the plugin directory only: it is not on this JVM's class path. */
    @Test
    void loadsTheConnectorFromThePluginDirectory() throws Exception {
        assertThrows(ClassNotFoundException.class, () -> Class.forName(ConnectCluster.SOURCE_CONNECTOR));
        String plugins = String.valueOf(cluster.connect()
                .requestGet(cluster.connect().endpointForResource("connector-plugins"))
                .getEntity());
        assertTrue(plugins.contains(ConnectCluster.SOURCE_CONNECTOR), plugins);
    }

    /**
     * A MERGE, a whole-partition DELETE and an OPTIMIZE, with versions split over several transactions: the
     * connector publishes byte for byte (keys, values, headers, in order) what {@code bridge run --once} does.
     */
    @Test
    void publishesTheEventsBridgeRunPublishes() throws Exception {
        DeltaFixture fixture = DeltaFixtures.copy("partitioned_merge", dir);
        cluster.connect().kafka().createTopic("orders-cli", 1);
        cluster.connect().kafka().createTopic("orders-connect", 1);

        try (Bridge bridge = Bridge.fromConfig(ConfigLoader.load(
                """
                name: deltabridge
                kafka: {bootstrap.servers: "%s"}
                mappings:
                  - name: orders
                    from: {delta: "%s"}
                    to: {kafka: orders-cli}
                    key: order_id
                    changes: [insert, update, delete]
                    max-transaction-records: 3
                """.formatted(cluster.bootstrapServers(), fixture.tableUri()), "bridge.yaml", Map.of()))) {
            bridge.runOnce();
        }
        List<ConsumerRecord<byte[], byte[]>> expected = cluster.topics().readCommitted("orders-cli", 1, TIMEOUT);

        Map<String, String> config = new HashMap<>(ConnectCluster.passThroughConverters());
        config.put("connector.class", ConnectCluster.SOURCE_CONNECTOR);
        config.put("tasks.max", "1");
        config.put("from.delta", fixture.tableUri());
        config.put("to.kafka", "orders-connect");
        config.put("key", "order_id");
        config.put("changes", "insert,update,delete");
        config.put("max-transaction-records", "3");
        cluster.connect().configureConnector("orders", config);
        cluster.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning("orders", 1, "source running");

        List<ConsumerRecord<byte[], byte[]>> published =
                cluster.topics().readCommitted("orders-connect", expected.size(), TIMEOUT);
        assertTrue(expected.size() > 20, "the fixture's change feed has events: " + expected.size());
        assertEquals(expected.size(), published.size(), "events published");
        for (int i = 0; i < expected.size(); i++) {
            assertSameEvent(expected.get(i), published.get(i), i);
        }
        cluster.connect().deleteConnector("orders");
    }

    private static void assertSameEvent(
            ConsumerRecord<byte[], byte[]> expected, ConsumerRecord<byte[], byte[]> actual, int index) {
        assertArrayEquals(expected.key(), actual.key(), "key of event " + index);
        assertArrayEquals(expected.value(), actual.value(), "value of event " + index);
        Header[] want = expected.headers().toArray();
        Header[] got = actual.headers().toArray();
        assertEquals(want.length, got.length, "headers of event " + index);
        for (int h = 0; h < want.length; h++) {
            assertEquals(want[h].key(), got[h].key(), "header " + h + " of event " + index);
            assertArrayEquals(want[h].value(), got[h].value(), "header " + want[h].key() + " of event " + index);
        }
    }
}
