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
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as a user gets it: {@code bin/bridge-plugins install s3|azure|gcs} (from the local
 * Maven repository instead of Central, same layout) then {@code bin/bridge validate} of an s3a://,
 * abfss:// or gs:// mapping gets as far as authenticating: without valid credentials it fails on
 * them (naming them, printing no secret), not on a missing class.
 */
@WithKafkaBroker
@ExtendWith(S3ServerExtension.class)
class StoragePluginsIT {
    /** The plugins come from the local Maven repository (same layout as Central); no class data sharing archive. */
    private static final Map<String, String> ENV = Map.of(
            "BRIDGE_MAVEN_REPO",
            Path.of(System.getProperty("deltabridge.maven.repo")).toUri().toString(),
            "BRIDGE_CDS",
            "off");

    @Test
    void installedS3SetReachesAuthentication(KafkaCluster kafka, S3Server s3, @TempDir Path dir) throws Exception {
        Path home = installed(dir, "s3", 5);
        String secret = "Sup3r-s3cret-access-key"; // set, but not used by the provider named: the error is still about
        // credentials
        Result validate = validate(home, dir, kafka, """
                  fs.s3a.endpoint: "%s"
                  fs.s3a.path.style.access: "true"
                  fs.s3a.connection.ssl.enabled: "false"
                  fs.s3a.endpoint.region: us-east-1
                  fs.s3a.retry.limit: "1"
                  fs.s3a.attempts.maximum: "1"
                  fs.s3a.aws.credentials.provider: software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider
                  fs.s3a.secret.key: "%s"
                """.formatted(s3.endpoint(), secret), s3.uri("gold/scores"));
        assertFailsOnCredentials(validate, "Unable to load credentials", secret);
    }

    /** ABFS with a service principal (OAuth client credentials) whose token endpoint refuses: the token fetch is the failure. */
    @Test
    void installedAzureSetReachesAuthentication(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        Path home = installed(dir, "azure", 8);
        String secret = "Sup3r-s3cret-client-value";
        Result validate = validate(
                home,
                dir,
                kafka,
                """
                  fs.azure.account.auth.type: OAuth
                  fs.azure.account.oauth.provider.type: org.apache.hadoop.fs.azurebfs.oauth2.ClientCredsTokenProvider
                  fs.azure.account.oauth2.client.endpoint: "http://127.0.0.1:%d/tenant/oauth2/token"
                  fs.azure.account.oauth2.client.id: bridge-app
                  fs.azure.account.oauth2.client.secret: "%s"
                  fs.azure.oauth.token.fetch.retry.max.retries: "0"
                """.formatted(closedPort(), secret),
                "abfss://gold@account1.dfs.core.windows.net/scores");
        assertFailsOnCredentials(validate, "Auth failure", secret);
    }

    /** GCS with a service account key file whose token endpoint refuses (every address on loopback). */
    @Test
    void installedGcsSetReachesAuthentication(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        Path home = installed(dir, "gcs", 1);
        int port = closedPort();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String privateKey = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        Path keyFile = Files.writeString(
                dir.resolve("service-account.json"), """
                {"type": "service_account", "project_id": "p", "private_key_id": "k1",
                 "private_key": "-----BEGIN PRIVATE KEY-----\\n%s\\n-----END PRIVATE KEY-----\\n",
                 "client_email": "bridge@p.iam.gserviceaccount.com", "client_id": "1",
                 "token_uri": "http://127.0.0.1:%d/token"}
                """.formatted(privateKey.replace("\n", "\\n"), port));
        Result validate = validate(home, dir, kafka, """
                  fs.gs.auth.type: SERVICE_ACCOUNT_JSON_KEYFILE
                  fs.gs.auth.service.account.json.keyfile: "%s"
                  fs.gs.storage.root.url: "http://127.0.0.1:%d/"
                """.formatted(keyFile, port), "gs://gold/scores");
        assertFailsOnCredentials(
                validate,
                "Error getting access token for service account",
                privateKey.lines().skip(1).findFirst().orElseThrow());
    }

    /** The distribution unpacked with {@code set} installed: {@code jars} jars in its own directory plugins/{@code set}/. */
    private static Path installed(Path dir, String set, int jars) throws Exception {
        Path home = unpackDistribution(dir);
        Result install = exec(home, ENV, "bin/bridge-plugins", "install", set);
        assertEquals(0, install.code(), install.output());
        try (Stream<Path> files = Files.list(home.resolve("plugins").resolve(set))) {
            assertEquals(jars, files.filter(p -> p.toString().endsWith(".jar")).count(), install.output());
        }
        return home;
    }

    /** {@code bin/bridge validate} of a delta → kafka mapping reading {@code table} with these {@code delta:} settings. */
    private static Result validate(Path home, Path dir, KafkaCluster kafka, String deltaSettings, String table)
            throws Exception {
        Path config = Files.writeString(dir.resolve("bridge.yaml"), """
                name: storage-auth
                kafka:
                  bootstrap.servers: "%s"
                delta:
                %s
                mappings:
                  - name: scores-out
                    from: { delta: "%s" }
                    to: { kafka: scores }
                    key: [id]
                """.formatted(
                        kafka.bootstrapServers(), deltaSettings.stripTrailing(), table));
        Result validate = exec(home, ENV, "bin/bridge", "validate", "-c", config.toString());
        System.out.println("bin/bridge validate of " + table + " without valid credentials:\n" + validate.output());
        return validate;
    }

    private static void assertFailsOnCredentials(Result validate, String credentialsError, String secret) {
        assertNotEquals(0, validate.code(), validate.output());
        String error = validate.output()
                .lines()
                .filter(l -> l.startsWith("Error:"))
                .findFirst()
                .orElse("");
        assertTrue(error.contains(credentialsError), "the error line names the credentials:\n" + validate.output());
        assertFalse(
                validate.output().contains("ClassNotFound") || validate.output().contains("NoClassDefFound"),
                validate.output());
        assertFalse(validate.output().contains(secret), "a secret is printed:\n" + validate.output());
    }

    /** A loopback port nothing listens on: connections to it are refused at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path unpackDistribution(Path dir) throws Exception {
        Path target = Path.of(System.getProperty(io.deltabridge.testkit.CliProcess.CLASSPATH_PROPERTY))
                .getParent();
        Path tarball;
        try (Stream<Path> files = Files.list(target)) {
            tarball = files.filter(p -> p.getFileName().toString().endsWith("-dist.tar.gz"))
                    .findFirst()
                    .orElseThrow();
        }
        Result untar = exec(dir, Map.of(), "tar", "xzf", tarball.toString());
        assertEquals(0, untar.code(), untar.output());
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("bridge-"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private record Result(int code, String output) {}

    private static Result exec(Path dir, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        List<String> args = List.of(command);
        ProcessBuilder builder =
                new ProcessBuilder(args).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().remove("AWS_ACCESS_KEY_ID");
        builder.environment().remove("AWS_SECRET_ACCESS_KEY");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), String.join(" ", args) + " ended\n" + output);
        return new Result(process.exitValue(), output);
    }
}
