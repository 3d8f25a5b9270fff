package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table on a store whose connector is not installed: a configuration error (exit 2) naming the
 * scheme and the command that installs the connector (it was exit 1 and "check that the storage is reachable").
 */
@WithKafkaBroker
class MissingConnectorIT {

    @Test
    void deltaToKafkaFromAdlsNamesTheAzureSet(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        assertNamesTheFix(validate(kafka, dir, """
                  - name: from-adls
                    from: { delta: "abfss://lake@account.dfs.core.windows.net/gold/scores" }
                    to: { kafka: scores }
                    key: [id]
                """), "abfss", "azure");
    }

    @Test
    void kafkaToDeltaOnGcsNamesTheGcsSet(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        String topic = kafka.createUniqueTopic("orders", 1);
        assertNamesTheFix(validate(kafka, dir, """
                  - name: to-gcs
                    from: { kafka: [%s] }
                    to: { delta: "gs://lake/bronze/orders", create: true, schema: "id BIGINT NOT NULL" }
                    format: json
                """.formatted(topic)), "gs", "gcs");
    }

    private static Cli.Result validate(KafkaCluster kafka, Path dir, String mapping) throws IOException {
        Path config = Files.writeString(dir.resolve("bridge.yaml"), """
                name: clouds
                kafka:
                  bootstrap.servers: "%s"
                mappings:
                %s""".formatted(kafka.bootstrapServers(), mapping));
        return Cli.run("validate", "-c", config.toString());
    }

    private static void assertNamesTheFix(Cli.Result r, String scheme, String set) {
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("No storage connector for " + scheme + "://"), r.toString());
        assertTrue(r.err().contains("bin/bridge-plugins install " + set), r.toString());
    }
}
