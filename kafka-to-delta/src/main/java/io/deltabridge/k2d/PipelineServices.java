package io.deltabridge.k2d;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.kafka.KafkaClientFactory;
import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.core.registry.SchemaRegistryClient;
import java.util.Optional;

/**
 * What a kafka → delta pipeline works with, shared by its runs: the Delta engine, the Kafka clients,
 * the registry, who hears about its progress, its metrics, the crash tests' fault points, and the
 * rows per chunk handed to the Parquet writer, and its OpenLineage runs.
 */
record PipelineServices(
        Engine engine,
        KafkaClientFactory kafka,
        Optional<SchemaRegistryClient> registry,
        PipelineListener listener,
        KafkaToDeltaMetrics metrics,
        FaultPoints faults,
        int chunkRows,
        CommitLineage lineage) {}
