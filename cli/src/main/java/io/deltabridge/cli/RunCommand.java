package io.deltabridge.cli;

import io.deltabridge.core.error.ExitCode;
import io.deltabridge.core.pipeline.Bridge;
import io.deltabridge.core.pipeline.RunSummaries;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.d2k.DeltaToKafkaPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bridge run -c bridge.yaml [-m NAME]... [--once] [--reset-progress] [--http-port PORT [--http-host HOST]]}. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Run the mappings, continuously or --once.",
            "Continuously: until SIGTERM/SIGINT, then finish or abort the current transaction and exit 0.",
            "--once: process everything available at start, commit, and exit (for cron and CronJobs)."
        })
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOption config;

    @Option(
            names = {"-m", "--mapping"},
            paramLabel = "NAME",
            description = "Run only this mapping; repeat for several. Default: all.")
    List<String> mappings = new ArrayList<>();

    @Option(
            names = "--once",
            description = "Process everything available at start, commit, and exit (for cron and CronJobs).")
    boolean once;

    @Option(
            names = "--reset-progress",
            description = {
                "delta → kafka: publish the mappings named with -m from 'starting-version' again,"
                        + " disregarding their stored progress and their events already in the topic"
                        + " (they are published a second time). Needs -m."
            })
    boolean resetProgress;

    @Mixin
    HttpOptions http;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (resetProgress && mappings.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(), "--reset-progress needs -m NAME: name every mapping whose progress to reset");
        }
        http.check(spec.commandLine());
        Progress progress = Progress.forConsole(spec.commandLine().getErr());
        AtomicBoolean stopRequested = new AtomicBoolean();
        AtomicReference<Bridge> built = new AtomicReference<>();
        // the handler comes before the mapping file is read and the tables are opened, so that a
        // SIGTERM at any moment ends the run the same way (exit 0, or 130 for --once), never with 143
        try (Signals signals = Signals.onTerminate(
                        () -> {
                            stopRequested.set(true);
                            log.info(
                                    "Stop requested (SIGTERM or SIGINT): finishing or aborting the current transactions");
                            Bridge bridge = built.get();
                            if (bridge != null) {
                                bridge.close();
                            }
                            log.info("Stopped");
                        },
                        () -> exitCodeWhenStopped());
                Bridge bridge = Bridge.builder()
                        .config(config.load())
                        .mappings(mappings)
                        .listener(progress)
                        .meterRegistry(http.meterRegistry())
                        .build()) {
            built.set(bridge);
            if (resetProgress) {
                resetProgress(bridge);
            }
            progress.start(bridge, http.meterRegistry());
            try (HttpEndpoint endpoint = http.startFor(bridge)) {
                if (once) {
                    RunSummaries done = bridge.runOnce();
                    progress.stop();
                    printSummary(done);
                } else {
                    log.info(
                            "Running {} mapping(s) continuously; stop with Ctrl-C or SIGTERM",
                            bridge.pipelines().size());
                    bridge.start();
                    bridge.awaitTermination();
                }
            } finally {
                progress.stop();
            }
        }
        return stopRequested.get() ? exitCodeWhenStopped() : ExitCode.SUCCESS.code();
    }

    private void resetProgress(Bridge bridge) {
        bridge.pipelines().forEach((name, pipeline) -> {
            if (!(pipeline instanceof DeltaToKafkaPipeline d2k)) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--reset-progress applies to delta → kafka mappings; '" + name + "' is kafka → delta");
            }
            d2k.resetProgress();
        });
    }

    /** A continuous run ends by being stopped: that is success; a --once run was cut short. */
    private int exitCodeWhenStopped() {
        return once ? ExitCode.INTERRUPTED.code() : ExitCode.SUCCESS.code();
    }

    private void printSummary(RunSummaries done) {
        var out = spec.commandLine().getOut();
        for (RunSummary s : done.summaries()) {
            out.printf("%s: %s%n", s.mapping(), Progress.describe(s));
        }
        out.flush();
    }
}
