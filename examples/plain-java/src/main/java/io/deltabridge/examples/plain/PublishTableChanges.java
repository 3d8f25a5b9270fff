package io.deltabridge.examples.plain;

import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.pipeline.Bridge;
import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.core.pipeline.RunSummaries;
import io.deltabridge.core.pipeline.RunSummary;
import java.nio.file.Path;

/**
 * Embeds the bridge in a plain Java program: publishes the changes of the Delta tables of a
 * mapping file to Kafka, once, and reports each published version. Schedule it, or call
 * {@link #publish(Path)} from your own code.
 *
 * <pre>{@code
 * java -cp ... io.deltabridge.examples.plain.PublishTableChanges bridge.yaml
 * }</pre>
 */
public final class PublishTableChanges {
    private PublishTableChanges() {}

    public static void main(String[] args) {
        Path config = Path.of(args.length > 0 ? args[0] : "bridge.yaml");
        try {
            RunSummaries done = publish(config);
            System.out.printf(
                    "published %d events from %d versions in %d ms%n",
                    done.records(), done.units(), done.elapsed().toMillis());
        } catch (BridgeException e) {
            // problem, cause and fix in one or two lines; the exit code tells a scheduler what happened
            System.err.println(e.getMessage());
            System.exit(e.exitCode().code());
        }
    }

    /** Publishes everything new in every mapping of the file, commits, and returns what was done. */
    public static RunSummaries publish(Path config) {
        PipelineListener progress = new PipelineListener() {
            @Override
            public void onVersionPublished(String mapping, long version, long events) {
                System.out.printf("%s: version %d → %d events%n", mapping, version, events);
            }
        };
        try (Bridge bridge = Bridge.builder().config(config).listener(progress).build()) {
            RunSummaries done = bridge.runOnce();
            for (RunSummary s : done.summaries()) {
                System.out.printf("%s: %d versions, %d events%n", s.mapping(), s.units(), s.records());
            }
            return done;
        }
    }
}
