package io.deltabridge.cli;

import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.ConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -c bridge.yaml}, shared by the commands that read a mapping file. */
final class ConfigOption {
    @Option(
            names = {"-c", "--config"},
            required = true,
            paramLabel = "FILE",
            description = "The mapping file (YAML). $${NAME} and $${NAME:-default} are read from the environment.")
    Path file;

    /** Set once loaded, so error messages can be scrubbed of this file's secrets. */
    BridgeConfig loaded;

    BridgeConfig load() {
        loaded = ConfigLoader.load(file);
        return loaded;
    }
}
