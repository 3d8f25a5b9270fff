package io.deltabridge.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.S3Server;
import io.deltabridge.testkit.S3ServerExtension;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as a user gets it: {@code bin/bridge-plugins install s3} (from the local Maven
 * repository instead of Central, same layout) then {@code bin/bridge validate} of an s3a:// mapping
 * gets as far as authenticating: with no credentials it fails on them, not on a missing class.
 */
@WithKafkaBroker
@ExtendWith(S3ServerExtension.class)
class StoragePluginsIT {

    @Test
    void installedS3SetReachesAuthentication(KafkaCluster kafka, S3Server s3, @TempDir Path dir) throws Exception {
        Path home = unpackDistribution(dir);
        Map<String, String> env = Map.of("BRIDGE_MAVEN_REPO", Path.of(System.getProperty("deltabridge.maven.repo")).toUri().toString(),
                "BRIDGE_CDS", "off");
        Result install = exec(home, env, "bin/bridge-plugins", "install", "s3");
        assertEquals(0, install.code(), install.output());
        try (Stream<Path> jars = Files.list(home.resolve("plugins"))) {
            assertEquals(5, jars.filter(p -> p.toString().endsWith(".jar")).count(), install.output());
        }

        Path config = Files.writeString(dir.resolve("bridge.yaml"), """
                name: s3-auth
                kafka:
                  bootstrap.servers: "%s"
                delta:
                  fs.s3a.endpoint: "%s"
                  fs.s3a.path.style.access: "true"
                  fs.s3a.connection.ssl.enabled: "false"
                  fs.s3a.endpoint.region: us-east-1
                  fs.s3a.retry.limit: "1"
                  fs.s3a.attempts.maximum: "1"
                  fs.s3a.aws.credentials.provider: software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider
                mappings:
                  - name: scores-out
                    from: { delta: "%s" }
                    to: { kafka: scores }
                    key: [id]
                """.formatted(kafka.bootstrapServers(), s3.endpoint(), s3.uri("gold/scores")));
        Result validate = exec(home, env, "bin/bridge", "validate", "-c", config.toString());
        System.out.println("bin/bridge validate with the s3 set and no credentials:\n" + validate.output());
        assertNotEquals(0, validate.code(), validate.output());
        String error = validate.output().lines().filter(l -> l.startsWith("Error:")).findFirst().orElse("");
        assertTrue(error.contains("Unable to load credentials"), "the error line names the credentials:\n" + validate.output());
        assertFalse(validate.output().contains("ClassNotFound") || validate.output().contains("NoClassDefFound"), validate.output());
    }

    private static Path unpackDistribution(Path dir) throws Exception {
        Path target = Path.of(System.getProperty(io.deltabridge.testkit.CliProcess.CLASSPATH_PROPERTY)).getParent();
        Path tarball;
        try (Stream<Path> files = Files.list(target)) {
            tarball = files.filter(p -> p.getFileName().toString().endsWith("-dist.tar.gz")).findFirst().orElseThrow();
        }
        Result untar = exec(dir, Map.of(), "tar", "xzf", tarball.toString());
        assertEquals(0, untar.code(), untar.output());
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("bridge-")).findFirst().orElseThrow();
        }
    }

    private record Result(int code, String output) {}

    private static Result exec(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
        List<String> args = List.of(command);
        ProcessBuilder builder = new ProcessBuilder(args).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().remove("AWS_ACCESS_KEY_ID");
        builder.environment().remove("AWS_SECRET_ACCESS_KEY");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), String.join(" ", args) + " ended\n" + output);
        return new Result(process.exitValue(), output);
    }
}
