package io.deltabridge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code bridge --version}: the project version filtered into a resource at build time. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties props = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                props.load(in);
            }
        }
        return new String[] {
            "deltabridge " + props.getProperty("version", "unknown"),
            "Kafka clients " + props.getProperty("kafka.version", "?") + ", Delta Kernel "
                    + props.getProperty("delta-kernel.version", "?"),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
