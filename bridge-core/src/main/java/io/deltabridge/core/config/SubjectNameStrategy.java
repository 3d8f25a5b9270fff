package io.deltabridge.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * How the subject a schema is registered under is named: Confluent's three strategies
 * ({@code key.subject.name.strategy}, {@code value.subject.name.strategy} under {@code schema-registry}).
 */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value} (the default). */
    TOPIC_NAME("TopicNameStrategy"),
    /** The record's full name: one subject per record type, whatever the topic. */
    RECORD_NAME("RecordNameStrategy"),
    /** {@code <topic>-<record full name>}. */
    TOPIC_RECORD_NAME("TopicRecordNameStrategy");

    private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.subject.";
    private final String className;

    SubjectNameStrategy(String className) {
        this.className = className;
    }

    /** The simple class name, as Confluent's clients name it. */
    public String className() {
        return className;
    }

    /** The subject of {@code schema} (a key's or a value's) written to {@code topic}. */
    public String subject(String topic, boolean isKey, Schema schema) {
        return switch (this) {
            case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
            case RECORD_NAME -> schema.getFullName();
            case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
        };
    }

    /** The strategy a setting names: the simple or fully qualified Confluent class name, case-insensitive. */
    public static Optional<SubjectNameStrategy> parse(String setting) {
        String name = setting.strip();
        String simple = name.toLowerCase(Locale.ROOT).startsWith(CONFLUENT_PACKAGE)
                ? name.substring(CONFLUENT_PACKAGE.length())
                : name;
        return Arrays.stream(values())
                .filter(s -> s.className.equalsIgnoreCase(simple))
                .findFirst();
    }
}
