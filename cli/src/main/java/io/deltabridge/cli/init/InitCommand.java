package io.deltabridge.cli.init;

import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.deltabridge.cli.VersionProvider;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.delta.TableUris;
import io.deltabridge.core.error.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bridge init --from-delta PATH | --from-kafka TOPIC [-o FILE]} (SPEC §8): a commented mapping file
 * for one table (delta → kafka, from its schema and change-feed setting) or one topic (kafka → delta, the
 * schema guessed from its newest records), every guess marked CHECK.
 */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Write a commented mapping file for a Delta table or a Kafka topic.")
public final class InitCommand implements Callable<Integer> {
    /** What the written file connects to unless --bootstrap-servers says otherwise. */
    static final String DEFAULT_BOOTSTRAP = "${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}";

    private static final int SAMPLE_PER_PARTITION = 100;

    static final class Source {
        @Option(
                names = "--from-delta",
                paramLabel = "PATH",
                required = true,
                description = "A Delta table (path or URI): write a delta → kafka mapping publishing its change feed.")
        String table;

        @Option(
                names = "--from-kafka",
                paramLabel = "TOPIC",
                required = true,
                description =
                        "A topic: write a kafka → delta mapping, the table's columns guessed from its newest records.")
        String topic;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the file there (never over an existing one); default: standard output.")
    Path output;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            description =
                    "The Kafka cluster: written into the file, and read for --from-kafka. Default: $KAFKA_BOOTSTRAP_SERVERS, else localhost:9092.")
    String bootstrapServers;

    @Option(
            names = "--command-config",
            paramLabel = "FILE",
            description =
                    "Kafka client properties for reading the topic (security settings), like Kafka's own tools; not copied into the file.")
    Path commandConfig;

    @Option(
            names = "--to-delta",
            paramLabel = "PATH",
            description = "With --from-kafka: the table to land in. Default: ./tables/<topic>.")
    String targetTable;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String written = bootstrapServers != null ? bootstrapServers : DEFAULT_BOOTSTRAP;
        String text = source.table != null
                ? MappingFileTemplate.forTable(tableFacts(TableUris.normalize(source.table)), written)
                : MappingFileTemplate.forTopic(
                        TopicFacts.of(
                                source.topic, TopicSample.newest(clientSettings(), source.topic, SAMPLE_PER_PARTITION)),
                        written,
                        targetTable != null ? targetTable : "./tables/" + source.topic);
        PrintWriter out = spec.commandLine().getOut();
        if (output == null) {
            out.print(text);
        } else {
            write(output, text);
            out.println("Wrote " + output + ": check the lines marked CHECK, then run: bridge validate -c " + output);
        }
        out.flush();
        return 0;
    }

    private static TableFacts tableFacts(String uri) {
        try {
            Snapshot snapshot = TableManager.loadSnapshot(uri).build(DeltaEngines.create(Map.of()));
            String name = uri.replaceAll("/+$", "");
            return new TableFacts(
                    uri,
                    name.substring(name.lastIndexOf('/') + 1),
                    snapshot.getSchema(),
                    snapshot.getVersion(),
                    "true".equalsIgnoreCase(snapshot.getTableProperties().get("delta.enableChangeDataFeed")));
        } catch (TableNotFoundException e) {
            throw Problem.of("Delta table not found at %s", uri)
                    .because("there is no _delta_log there")
                    .fix("give the table's directory (the one holding _delta_log) to --from-delta")
                    .config();
        }
    }

    private Map<String, Object> clientSettings() {
        Map<String, Object> settings = new HashMap<>();
        if (commandConfig != null) {
            Properties props = new Properties();
            try (InputStream in = Files.newInputStream(commandConfig)) {
                props.load(in);
            } catch (IOException e) {
                throw Problem.of("Cannot read --command-config %s", commandConfig)
                        .because("%s", e.getMessage())
                        .fix("give a readable Java properties file of Kafka client settings")
                        .config();
            }
            props.forEach((k, v) -> settings.put((String) k, v));
        }
        String env = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        settings.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers != null ? bootstrapServers : env != null && !env.isBlank() ? env : "localhost:9092");
        return settings;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(
                    file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw Problem.of("%s already exists", file)
                    .because("init never overwrites a mapping file")
                    .fix("choose another -o, or delete the file first")
                    .config();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
