package io.deltabridge.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.config.ConfigSource;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.config.Envelope;
import io.deltabridge.core.config.FlushPolicy;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.HeaderSet;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.config.KeyFormat;
import io.deltabridge.core.config.MappingConfig;
import io.deltabridge.core.config.OnError;
import io.deltabridge.core.config.OnOffsetGap;
import io.deltabridge.core.config.StartingVersion;
import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.error.ExitCode;
import io.deltabridge.core.error.RuntimeFailureException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The facade's orchestration, over {@link ScriptedPipelineProvider} (the pipelines have their own tests). */
class BridgeTest {

    @Test
    void runsEveryMappingOnceAndReportsInFileOrder() {
        List<String> published = new ArrayList<>();
        PipelineListener listener = new PipelineListener() {
            @Override
            public synchronized void onVersionPublished(String mapping, long version, long events) {
                published.add(mapping + "@" + version);
            }
        };
        try (Bridge bridge = Bridge.builder()
                .config(config(out("a"), out("b"), out("c")))
                .listener(listener)
                .build()) {
            RunSummaries done = bridge.runOnce();
            assertEquals(
                    List.of("a", "b", "c"),
                    done.summaries().stream().map(RunSummary::mapping).toList());
            assertEquals(9, done.records());
            assertEquals(3, done.units());
            assertEquals(3, published.size());
            assertEquals(
                    List.of("a", "b", "c"),
                    bridge.status().stream().map(PipelineStatus::mapping).toList());
            assertEquals(List.of("a", "b", "c"), List.copyOf(bridge.pipelines().keySet()));
            assertEquals(3, bridge.validate().size());
        }
    }

    @Test
    void selectsMappingsByName() {
        try (Bridge bridge = Bridge.builder()
                .config(config(out("a"), out("b")))
                .mappings("b")
                .build()) {
            assertEquals(Set.of("b"), bridge.pipelines().keySet());
        }
    }

    @Test
    void unknownMappingNameIsAConfigErrorListingTheNames() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> Bridge.builder()
                        .config(config(out("a"), out("b")))
                        .mappings("nope")
                        .build());
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("[a, b]"), e.getMessage());
        assertEquals(ExitCode.CONFIG_ERROR, e.exitCode());
    }

    @Test
    void mappingWithoutItsDirectionModuleIsAConfigErrorNamingTheModule() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> Bridge.fromConfig(config(out("a"), in("orders-in"))));
        assertTrue(e.getMessage().contains("orders-in"), e.getMessage());
        assertTrue(e.getMessage().contains("io.deltabridge:kafka-to-delta"), e.getMessage());
        assertTrue(e.getMessage().contains("test.yaml:mappings[1]"), e.getMessage());
    }

    @Test
    void aFailedMappingFailsTheRunWithItsExitCodeAndStillClosesEverything() {
        Bridge bridge = Bridge.builder().config(config(out("a"), out("fail-b"))).build();
        DataException e = assertThrows(DataException.class, bridge::runOnce);
        assertTrue(e.getMessage().contains("fail-b"));
        bridge.close();
        bridge.pipelines().values().forEach(p -> assertTrue(((ScriptedPipelineProvider.ScriptedPipeline) p).closed));
    }

    @Test
    void anErrorInAMappingFailsTheRunOnceWithARuntimeFailureInsteadOfExitingZero() {
        try (Bridge bridge =
                Bridge.builder().config(config(out("a"), out("oom-b"))).build()) {
            RuntimeFailureException e = assertThrows(RuntimeFailureException.class, bridge::runOnce);
            assertEquals(ExitCode.RUNTIME_FAILURE, e.exitCode());
            assertTrue(e.getMessage().contains("oom-b") && e.getMessage().contains("OutOfMemoryError"), e.getMessage());
            assertInstanceOf(OutOfMemoryError.class, e.getCause());
        }
    }

    @Test
    void continuousRunKeepsHealthyMappingsRunningWhenOneFailsAndReportsTheFailureAtTheEnd() throws Exception {
        CountDownLatch failed = new CountDownLatch(1);
        PipelineListener listener = new PipelineListener() {
            @Override
            public void onFailure(String mapping, Exception error) {
                failed.countDown();
            }
        };
        Bridge bridge = Bridge.builder()
                .config(config(out("a"), out("fail-b")))
                .listener(listener)
                .build();
        bridge.start();
        assertTrue(failed.await(30, TimeUnit.SECONDS));
        ScriptedPipelineProvider.ScriptedPipeline healthy = scripted(bridge, "a");
        assertFalse(healthy.stopped(), "the healthy mapping was stopped by the other one's failure");
        assertTrue(bridge.isRunning());
        assertTrue(bridge.failure("fail-b").isPresent(), "the failure is known by the mapping's name");
        assertTrue(bridge.failure("a").isEmpty());
        bridge.close();
        DataException e = assertThrows(DataException.class, bridge::awaitTermination);
        assertTrue(e.getMessage().contains("fail-b"), e.getMessage());
    }

    @Test
    void aFatalErrorInContinuousModeStopsEveryMappingAndFailsTheRun() {
        Bridge bridge = Bridge.builder().config(config(out("a"), out("oom-b"))).build();
        bridge.start();
        RuntimeFailureException e = assertThrows(RuntimeFailureException.class, bridge::awaitTermination);
        assertInstanceOf(OutOfMemoryError.class, e.getCause());
        assertTrue(scripted(bridge, "a").stopped());
        bridge.close();
    }

    private static ScriptedPipelineProvider.ScriptedPipeline scripted(Bridge bridge, String name) {
        return (ScriptedPipelineProvider.ScriptedPipeline) bridge.pipelines().get(name);
    }

    @Test
    void continuousRunEndsWhenClosedAndCannotBeRestarted() throws Exception {
        Bridge bridge = Bridge.builder().config(config(out("a"), out("b"))).build();
        bridge.start();
        assertTrue(bridge.isRunning());
        ConfigException twice = assertThrows(ConfigException.class, bridge::start);
        assertTrue(twice.getMessage().contains("already started"));
        Thread closer = new Thread(bridge::close);
        closer.start();
        bridge.close(); // a second closer waits for the first
        assertFalse(bridge.isRunning());
        closer.join(60_000);
        bridge.awaitTermination();
        bridge.pipelines().values().forEach(p -> assertTrue(((ScriptedPipelineProvider.ScriptedPipeline) p).closed));
        assertInstanceOf(ConfigException.class, assertThrows(ConfigException.class, bridge::runOnce));
    }

    static BridgeConfig config(MappingConfig... mappings) {
        ConfigSource source = new ConfigSource() {
            @Override
            public String name() {
                return "test.yaml";
            }

            @Override
            public String locate(String path) {
                return "test.yaml:" + path;
            }
        };
        return new BridgeConfig(
                "test-bridge",
                Map.of("bootstrap.servers", "127.0.0.1:1"),
                Optional.empty(),
                Map.of(),
                BridgeConfig.DEFAULT_PROGRESS_TOPIC,
                List.of(mappings),
                source);
    }

    private static int index;

    static DeltaToKafkaMapping out(String name) {
        return new DeltaToKafkaMapping(
                name,
                index++,
                "/tmp/t",
                "topic",
                List.of("id"),
                Format.JSON,
                KeyFormat.JSON,
                Set.of(ChangeKind.INSERT),
                Envelope.ROW,
                HeaderSet.ALL,
                Optional.empty(),
                new StartingVersion.Earliest(),
                Duration.ofSeconds(1),
                100_000);
    }

    static KafkaToDeltaMapping in(String name) {
        return new KafkaToDeltaMapping(
                name,
                1,
                List.of("orders"),
                "/tmp/o",
                true,
                List.of(),
                Optional.empty(),
                Map.of(),
                Format.JSON,
                true,
                Optional.empty(),
                OnError.FAIL,
                FlushPolicy.DEFAULT,
                128L << 20,
                OnOffsetGap.FAIL);
    }
}
