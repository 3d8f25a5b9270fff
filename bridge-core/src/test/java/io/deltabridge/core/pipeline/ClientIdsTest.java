package io.deltabridge.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Kafka ids per mapping (transactional id, consumer group): unique per (bridge, mapping), stable for existing deployments. */
class ClientIdsTest {

    @Test
    void bridgeABWithMappingCAndBridgeAWithMappingBCGetDifferentIds() {
        assertNotEquals(ClientIds.of("a.b", "c"), ClientIds.of("a", "b.c"));
    }

    @Test
    void namesWithoutDotsKeepTheIdsExistingDeploymentsUse() {
        assertEquals("insights-bridge.churn-scores-out", ClientIds.of("insights-bridge", "churn-scores-out"));
    }

    @Test
    void everyPairOfNamesGetsItsOwnId() {
        List<String> names = List.of("a", "b", "c", "a.b", "b.c", "a.b.c", "a-b", "a_b", "a..b", "a.", "ab");
        Set<String> ids = new HashSet<>();
        int pairs = 0;
        for (String bridge : names) {
            for (String mapping : names) {
                ids.add(ClientIds.of(bridge, mapping));
                pairs++;
            }
        }
        assertEquals(pairs, ids.size());
    }
}
