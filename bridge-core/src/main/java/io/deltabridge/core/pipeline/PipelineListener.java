package io.deltabridge.core.pipeline;

/** Callbacks for embedding applications; every method has a no-op default. Called from pipeline threads. */
public interface PipelineListener {
    PipelineListener NONE = new PipelineListener() {};

    /** delta → kafka: the events of a table version (or a part of it) were committed to Kafka. */
    default void onVersionPublished(String mapping, long version, long events) {}

    /** kafka → delta: a batch was committed to the table as {@code tableVersion}. */
    default void onBatchCommitted(String mapping, long tableVersion, long records) {}

    /** kafka → delta: a record went to the dead-letter topic. */
    default void onDeadLetter(String mapping, String topic, int partition, long offset, Exception error) {}

    /** The pipeline failed and stopped. */
    default void onFailure(String mapping, Exception error) {}
}
