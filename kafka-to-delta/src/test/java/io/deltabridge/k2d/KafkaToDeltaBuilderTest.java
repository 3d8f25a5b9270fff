package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.error.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The builder keeps the mapping file's promise: no table is written through a store that lets a second writer in. */
class KafkaToDeltaBuilderTest {
    private static final Map<String, String> UNSAFE_S3 =
            Map.of("io.delta.kernel.logStore.s3a.impl", "io.delta.storage.S3SingleDriverLogStore");

    private static KafkaToDelta.Builder s3Pipeline() {
        return KafkaToDelta.builder()
                .name("orders-in")
                .topics("orders")
                .table("s3a://lake/orders")
                .kafka(Map.of("bootstrap.servers", "127.0.0.1:9"))
                .delta(UNSAFE_S3);
    }

    @Test
    void refusesAStoreThatKeepsNoSecondWriterOut() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> s3Pipeline().build());
        assertTrue(
                e.getMessage()
                        .contains(
                                "mapping `orders-in` writes s3a://lake/orders through io.delta.storage.S3SingleDriverLogStore"),
                e.getMessage());
        assertTrue(e.getMessage().contains("singleWriter(true)"), e.getMessage());
    }

    @Test
    void buildsOnThatStoreWhenDeclaredTheOnlyWriter() {
        s3Pipeline().singleWriter(true).build().close();
    }

    @Test
    void takesATopicPatternInsteadOfTopics() {
        KafkaToDelta.builder()
                .name("orders-in")
                .topicPattern("orders\\..*")
                .table("s3a://lake/orders")
                .kafka(Map.of("bootstrap.servers", "127.0.0.1:9"))
                .build()
                .close();
        ConfigException both = assertThrows(
                ConfigException.class,
                () -> KafkaToDelta.builder()
                        .name("orders-in")
                        .topics("orders")
                        .topicPattern("orders\\..*")
                        .table("/lake/orders")
                        .build());
        assertTrue(both.getMessage().contains("topics or a topic pattern (one of them)"), both.getMessage());
        ConfigException invalid = assertThrows(
                ConfigException.class,
                () -> KafkaToDelta.builder()
                        .name("orders-in")
                        .topicPattern("orders[")
                        .table("/lake/orders")
                        .build());
        assertTrue(
                invalid.getMessage()
                        .contains("The topic pattern of pipeline 'orders-in' is not a valid regular expression"),
                invalid.getMessage());
    }

    @Test
    void buildsOnTheDefaultS3StoreWhichExcludesOtherWriters() {
        KafkaToDelta.builder()
                .name("orders-in")
                .topics("orders")
                .table("s3a://lake/orders")
                .kafka(Map.of("bootstrap.servers", "127.0.0.1:9"))
                .build()
                .close();
    }

    @Test
    void aTablePerTopicIsNotOnePipeline() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> KafkaToDelta.builder()
                        .name("orders-in")
                        .topicPattern("orders\\..*")
                        .table("/lake/{topic}")
                        .build());
        assertTrue(
                e.getMessage().startsWith("Pipeline 'orders-in' would write one table per topic (/lake/{topic})"),
                e.getMessage());
        assertTrue(e.getMessage().contains("run the mapping with Bridge"), e.getMessage());
    }
}
