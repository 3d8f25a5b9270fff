package io.deltabridge.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts the quickstart again in a JVM whose class path has its in-process Kafka broker, when this
 * one lacks it (the bridge jar carries none: {@link QuickstartBrokerJars}), and that allows
 * {@code sun.misc.Unsafe} memory access, when the current one would print a warning for it. The broker unmaps index files
 * with {@code Unsafe.invokeCleaner}, which Java 24+ warns about on the user's screen, and
 * {@code java -jar bridge.jar} has no manifest attribute that allows it (native access has one:
 * {@code Enable-Native-Access}). The bridge itself (Kafka clients, Delta) needs neither: only the
 * quickstart relaunches.
 */
final class QuickstartRelaunch {
    static final String UNSAFE_FLAG = "--sun-misc-unsafe-memory-access";
    private static final int FIRST_WARNING_JDK = 24;

    private QuickstartRelaunch() {}

    /**
     * The exit code of the relaunched quickstart, or empty when this JVM can run it without warnings.
     * {@code commandLine}: every argument {@code main} was given (root options and the subcommand).
     */
    static Optional<Integer> ifNeeded(List<String> commandLine) throws IOException, InterruptedException {
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        boolean unsafeWarning = Runtime.version().feature() >= FIRST_WARNING_JDK
                && jvmArgs.stream().noneMatch(a -> a.startsWith(UNSAFE_FLAG));
        List<Path> brokerJars = QuickstartBrokerJars.toAdd();
        if (!unsafeWarning && brokerJars.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        if (unsafeWarning) {
            command.add(UNSAFE_FLAG + "=allow");
        }
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(Stream.concat(
                        Stream.of(System.getProperty("java.class.path")),
                        brokerJars.stream().map(Path::toString))
                .collect(Collectors.joining(File.pathSeparator)));
        command.add(BridgeCommand.class.getName());
        command.addAll(commandLine);
        Process child = new ProcessBuilder(command).inheritIO().start();
        // Ctrl-C reaches both processes (same process group); a SIGTERM to this one alone is passed on
        Thread stopChild = new Thread(child::destroy, "quickstart-relaunch-stop");
        Runtime.getRuntime().addShutdownHook(stopChild);
        int code = child.waitFor();
        Runtime.getRuntime().removeShutdownHook(stopChild);
        return Optional.of(code);
    }
}
