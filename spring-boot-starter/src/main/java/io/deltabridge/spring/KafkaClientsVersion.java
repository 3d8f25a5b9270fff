package io.deltabridge.spring;

import io.deltabridge.core.error.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * Spring Boot 3.5's dependency management brings kafka-clients 3.9; the bridge is built and tested on 4.x. An
 * application that did not override Boot's choice gets a clear error at startup instead of a missing method later.
 */
final class KafkaClientsVersion {
    static final int REQUIRED_MAJOR = 4;

    private KafkaClientsVersion() {}

    static void require(String version) {
        int major;
        try {
            major = Integer.parseInt(version.substring(0, version.indexOf('.')));
        } catch (RuntimeException unparsable) {
            return; // a build of its own ("unknown"): nothing to compare
        }
        if (major < REQUIRED_MAJOR) {
            throw Problem.of(
                            "deltabridge needs kafka-clients %d.x, but the application has %s", REQUIRED_MAJOR, version)
                    .because(
                            "Spring Boot's dependency management chooses kafka-clients %s unless told otherwise",
                            version)
                    .fix(
                            "set the Maven property kafka.version to %s (Gradle: ext['kafka.version']) in the application's build",
                            builtWith())
                    .config();
        }
    }

    static void requireOnClasspath() {
        require(AppInfoParser.getVersion());
    }

    /** The kafka-clients version this starter was built and tested with. */
    static String builtWith() {
        Properties build = new Properties();
        try (InputStream in = KafkaClientsVersion.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                return REQUIRED_MAJOR + ".x"; // classes run outside the built jar
            }
            build.load(in);
        } catch (IOException e) {
            return REQUIRED_MAJOR + ".x";
        }
        return build.getProperty("kafka.version", REQUIRED_MAJOR + ".x");
    }
}
