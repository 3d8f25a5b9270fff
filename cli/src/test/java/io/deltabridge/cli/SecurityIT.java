package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.embedded.EmbeddedKafkaBroker;
import io.deltabridge.embedded.SaslSslListener;
import io.deltabridge.testkit.CliProcess;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.SchemaRegistryExtension;
import io.deltabridge.testkit.TestCertificates;
import io.deltabridge.testkit.TlsBasicAuthProxy;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI, as a child JVM, against a broker that only lets authenticated and authorised clients in
 * (SASL_SSL with SCRAM-SHA-512 or PLAIN, KRaft's StandardAuthorizer with ACLs, a certificate made by
 * the test) and a schema registry behind TLS and basic auth: credentials come from {@code ${VAR}}
 * placeholders, wrong credentials and missing ACLs fail with a message naming the cause, and no
 * secret appears anywhere in the output or the logs (Kafka's own INFO lines included).
 */
@ExtendWith(SchemaRegistryExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityIT {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    private static final String STORE_PASSWORD = "store-Pw-4c1e9a";
    private static final String SCRAM_PASSWORD = "scram-Pw-77d0b3";
    private static final String PLAIN_PASSWORD = "plain-Pw-19f2ce";
    private static final String REGISTRY_USER = "sr-user";
    private static final String REGISTRY_PASSWORD = "registry-Pw-5e3a0d";
    private static final String WRONG_PASSWORD = "wrong-Pw-c0ffee";
    /** Users with fewer rights than the bridge: each lacks one ACL. */
    private static final String NO_WRITE = "no-write";

    private static final String NO_GROUP = "no-group";
    private static final String NO_TRANSACTIONS = "no-transactions";

    @TempDir
    static Path dir;

    private TestCertificates certificates;
    private KafkaCluster kafka;
    private TlsBasicAuthProxy registry;
    private DeltaFixture basic;
    private long expectedEvents;
    /** A topic holding the table's events as Avro, with the schema registered: "in" can land it. */
    private String published;

    @BeforeAll
    void setUp(@SchemaRegistryExtension.Url String registryUrl) throws Exception {
        certificates = TestCertificates.generate(dir, STORE_PASSWORD);
        var listener = new SaslSslListener(
                certificates.keyStore(), STORE_PASSWORD, Map.of("plain-bridge", PLAIN_PASSWORD), true);
        kafka = KafkaCluster.of(new EmbeddedKafkaBroker(Map.of(), listener).start());
        for (String user : List.of("bridge", NO_WRITE, NO_GROUP, NO_TRANSACTIONS)) {
            kafka.broker().createScramUser(user, SCRAM_PASSWORD);
        }
        grantAcls();
        URI target = URI.create(registryUrl);
        registry = TlsBasicAuthProxy.start(
                URI.create(target.getScheme() + "://" + target.getAuthority()),
                certificates,
                REGISTRY_USER,
                REGISTRY_PASSWORD);
        basic = DeltaFixtures.copy("basic", dir);
        expectedEvents = basic.expectedCdf().stream()
                .filter(row -> List.of("insert", "update_postimage")
                        .contains(row.get("_change_type").asText()))
                .count();
        published = KafkaCluster.uniqueName("published");
        kafka.createTopic(published, 1);
        // in-process (no JVM to start), so with the secrets written in the file rather than in the environment
        Path literal = config(
                "published",
                published,
                """
                  sasl.mechanism: SCRAM-SHA-512
                  sasl.jaas.config: '%s'
                  ssl.truststore.location: %s
                  ssl.truststore.password: %s
                """.formatted(scram("bridge", SCRAM_PASSWORD), certificates.trustStore(), STORE_PASSWORD),
                """
                  url: %s/apis/ccompat/v7
                  basic-auth: %s:%s
                  ssl.truststore.location: %s
                  ssl.truststore.password: %s
                """.formatted(
                        registry.url(), REGISTRY_USER, REGISTRY_PASSWORD, certificates.trustStore(), STORE_PASSWORD));
        Cli.Result run = Cli.run("run", "-c", literal.toString(), "-m", "out", "--once");
        assertEquals(0, run.code(), run.toString());
    }

    @AfterAll
    void tearDown() {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /** Every command over SCRAM-SHA-512 with a PKCS12 trust store, and a registry behind TLS and basic auth. */
    @Test
    void everyCommandWorksOverScramAndNoOutputOrLogShowsASecret() throws Exception {
        String topic = KafkaCluster.uniqueName("secure-customers");
        kafka.createTopic(topic, 3);
        Path config = config("scram", topic, """
                  sasl.mechanism: SCRAM-SHA-512
                  sasl.jaas.config: ${KAFKA_JAAS}
                  ssl.truststore.location: %s
                  ssl.truststore.password: ${TRUST_PASSWORD}
                  ssl.truststore.type: PKCS12
                """.formatted(certificates.trustStore()), """
                  url: %s/apis/ccompat/v7
                  basic-auth: %s:${SR_PASSWORD}
                  ssl.truststore.location: %s
                  ssl.truststore.password: ${TRUST_PASSWORD}
                  ssl.truststore.type: PKCS12
                """.formatted(
                        registry.url(), REGISTRY_USER, certificates.trustStore()));
        Map<String, String> env = env(scram("bridge", SCRAM_PASSWORD));
        List<String> outputs = new ArrayList<>();

        outputs.add(expect(0, env, "run", "-c", config.toString(), "-m", "out", "--once"));
        assertEquals(
                expectedEvents, kafka.readAll(topic, Duration.ofSeconds(60)).size());
        // after the first run: "in" takes the table's schema from the registry
        outputs.add(expect(0, env, "validate", "-c", config.toString()));
        outputs.add(expect(0, env, "schema", "-c", config.toString(), "-m", "out"));
        outputs.add(expect(0, env, "run", "-c", config.toString(), "-m", "in", "--once"));
        String json = expect(0, env, "status", "-c", config.toString(), "--json");
        outputs.add(json);
        assertTrue(json.contains("\"in\""), json);
        // a failing run with the same secrets in its configuration: Kafka refuses a wrong password
        Map<String, String> wrongPassword = new HashMap<>(env);
        wrongPassword.put("KAFKA_JAAS", scram("bridge", WRONG_PASSWORD));
        outputs.add(expect(1, wrongPassword, "run", "-c", config.toString(), "-m", "out", "--once"));

        String all = String.join("\n", outputs);
        // the scan must have covered the Kafka clients' own configuration dumps
        assertTrue(all.contains("ProducerConfig values"), all);
        assertTrue(all.contains("ConsumerConfig values"), all);
        assertNoSecret(
                all,
                SCRAM_PASSWORD,
                STORE_PASSWORD,
                REGISTRY_PASSWORD,
                WRONG_PASSWORD,
                base64(REGISTRY_USER + ":" + REGISTRY_PASSWORD));
    }

    /** SASL/PLAIN, PEM trust for both the broker and the registry, registry credentials in the URL. */
    @Test
    void plainOverTlsWithPemTrustAndCredentialsInTheRegistryUrl() throws Exception {
        String topic = KafkaCluster.uniqueName("pem-customers");
        kafka.createTopic(topic, 1);
        Path config = config("plain", topic, """
                  sasl.mechanism: PLAIN
                  sasl.jaas.config: ${KAFKA_JAAS}
                  ssl.truststore.location: %s
                  ssl.truststore.type: PEM
                """.formatted(certificates.pem()), """
                  url: https://%s:${SR_PASSWORD}@%s/apis/ccompat/v7
                  ssl.truststore.location: %s
                  ssl.truststore.type: PEM
                """.formatted(
                        REGISTRY_USER, URI.create(registry.url()).getAuthority(), certificates.pem()));
        Map<String, String> env = env("org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"plain-bridge\" password=\"" + PLAIN_PASSWORD + "\";");

        String out = expect(0, env, "run", "-c", config.toString(), "-m", "out", "--once");
        assertEquals(
                expectedEvents, kafka.readAll(topic, Duration.ofSeconds(60)).size());
        out += expect(0, env, "run", "-c", config.toString(), "-m", "in", "--once");
        assertNoSecret(out, PLAIN_PASSWORD, REGISTRY_PASSWORD, base64(REGISTRY_USER + ":" + REGISTRY_PASSWORD));
    }

    @Test
    void wrongPasswordsFailNamingAuthenticationAndNeverTheSecret() throws Exception {
        Path config = scramConfig("wrong", published);
        // both directions, and a continuous run too: retrying cannot make a password right
        for (List<String> run : List.of(List.of("out", "--once"), List.of("in", "--once"), List.of("in"))) {
            String out = expect(
                    1,
                    env(scram("bridge", WRONG_PASSWORD)),
                    "run",
                    "-c",
                    config.toString(),
                    "-m",
                    run.get(0),
                    run.size() > 1 ? run.get(1) : "--stacktrace");
            assertTrue(out.toLowerCase(Locale.ROOT).contains("authentication failed"), out);
            assertTrue(out.contains("sasl.jaas.config"), "the fix names the setting to check\n" + out);
            assertNoSecret(out, WRONG_PASSWORD, STORE_PASSWORD);
        }
        // the registry refuses the password while "in" creates its table from the registered schema: wrong
        // credentials are a run-time failure (exit 1) like Kafka's, not a configuration error (issue 8, defect 10)
        Map<String, String> wrongRegistryPassword = new HashMap<>(env(scram("bridge", SCRAM_PASSWORD)));
        wrongRegistryPassword.put("SR_PASSWORD", WRONG_PASSWORD);
        String out = expect(1, wrongRegistryPassword, "run", "-c", config.toString(), "-m", "in", "--once");
        assertTrue(out.contains("authentication failed (HTTP 401)"), out);
        assertTrue(out.contains("basic-auth"), out);
        assertNoSecret(
                out, WRONG_PASSWORD, base64(REGISTRY_USER + ":" + WRONG_PASSWORD), STORE_PASSWORD, SCRAM_PASSWORD);
    }

    /** Confluent's registry client keys (USER_INFO basic auth, schema.registry.ssl.*); validate asks the registry with them. */
    @Test
    void confluentRegistryKeysAuthenticateAndValidateFailsWhenTheRegistryRefusesThem() throws Exception {
        String topic = KafkaCluster.uniqueName("confluent-keys");
        kafka.createTopic(topic, 1);
        Path config = config("confluent-keys", topic, """
                  sasl.mechanism: SCRAM-SHA-512
                  sasl.jaas.config: ${KAFKA_JAAS}
                  ssl.truststore.location: %s
                  ssl.truststore.password: ${TRUST_PASSWORD}
                """.formatted(certificates.trustStore()), """
                  url: %s/apis/ccompat/v7
                  basic.auth.credentials.source: USER_INFO
                  basic.auth.user.info: %s:${SR_PASSWORD}
                  schema.registry.ssl.truststore.location: %s
                  schema.registry.ssl.truststore.password: ${TRUST_PASSWORD}
                """.formatted(
                        registry.url(), REGISTRY_USER, certificates.trustStore()));
        Map<String, String> env = env(scram("bridge", SCRAM_PASSWORD));
        String out = expect(0, env, "run", "-c", config.toString(), "-m", "out", "--once");
        out += expect(0, env, "validate", "-c", config.toString());
        assertTrue(out.contains("value schema: the latest of subject " + topic + "-value"), out);

        Map<String, String> wrongRegistryPassword = new HashMap<>(env);
        wrongRegistryPassword.put("SR_PASSWORD", WRONG_PASSWORD);
        String refused = expect(1, wrongRegistryPassword, "validate", "-c", config.toString());
        assertTrue(
                refused.contains("authentication failed (HTTP 401)") && refused.contains("basic.auth.user.info"),
                refused);
        assertNoSecret(
                out + refused,
                REGISTRY_PASSWORD,
                WRONG_PASSWORD,
                STORE_PASSWORD,
                SCRAM_PASSWORD,
                base64(REGISTRY_USER + ":" + WRONG_PASSWORD),
                base64(REGISTRY_USER + ":" + REGISTRY_PASSWORD));
    }

    /** Kafka's parser quotes the text after a stray quote, i.e. the rest of the password: never shown, not even in a trace. */
    @Test
    void aMalformedJaasConfigIsNamedWithoutQuotingAnyPartOfIt() throws Exception {
        String tail = "tail-of-the-Pw-81b2";
        String jaas =
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"bridge\" password=x\""
                        + tail + ";";
        String out = expect(
                2,
                env(jaas),
                "run",
                "-c",
                scramConfig("malformed", published).toString(),
                "-m",
                "in",
                "--once",
                "--stacktrace");
        assertTrue(out.contains("sasl.jaas.config"), out);
        assertNoSecret(out, tail);
    }

    @Test
    void aTopicWithoutWriteAclNamesTheTopicAndTheAclToGrant() throws Exception {
        String topic = KafkaCluster.uniqueName("read-only");
        kafka.createTopic(topic, 1);
        String out = expect(
                2,
                env(scram(NO_WRITE, SCRAM_PASSWORD)),
                "run",
                "-c",
                scramConfig("no-write", topic).toString(),
                "-m",
                "out",
                "--once");
        assertTrue(out.contains("not authorized"), out);
        assertTrue(out.contains(topic), out);
        assertTrue(out.contains("WRITE"), out);
        assertTrue(out.contains("User:" + NO_WRITE) || out.contains("principal"), out);
    }

    @Test
    void aGroupWithoutReadAclNamesTheGroupAndTheAclToGrant() throws Exception {
        String out = expect(
                2,
                env(scram(NO_GROUP, SCRAM_PASSWORD)),
                "run",
                "-c",
                scramConfig("no-group", published).toString(),
                "-m",
                "in",
                "--once");
        assertTrue(out.contains("not authorized"), out);
        assertTrue(out.contains("group"), out);
        assertTrue(out.contains("READ"), out);
    }

    @Test
    void aTransactionalIdWithoutAclNamesTheIdAndTheAclToGrant() throws Exception {
        String topic = KafkaCluster.uniqueName("no-transactions");
        kafka.createTopic(topic, 1);
        String out = expect(
                2,
                env(scram(NO_TRANSACTIONS, SCRAM_PASSWORD)),
                "run",
                "-c",
                scramConfig("no-transactions", topic).toString(),
                "-m",
                "out",
                "--once");
        assertTrue(out.contains("transactional id"), out);
        assertTrue(out.contains("WRITE"), out);
    }

    /** The bridge may do everything; each restricted user lacks exactly one right. */
    private void grantAcls() throws ExecutionException, InterruptedException {
        List<AclBinding> acls = new ArrayList<>();
        acls.addAll(allow("bridge", ResourceType.TOPIC, AclOperation.ALL));
        acls.addAll(allow("bridge", ResourceType.GROUP, AclOperation.ALL));
        acls.addAll(allow("bridge", ResourceType.TRANSACTIONAL_ID, AclOperation.ALL));
        acls.add(new AclBinding(
                new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL),
                new AccessControlEntry("User:bridge", "*", AclOperation.ALL, AclPermissionType.ALLOW)));
        acls.add(new AclBinding(
                new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL),
                new AccessControlEntry("User:plain-bridge", "*", AclOperation.ALL, AclPermissionType.ALLOW)));
        acls.addAll(allow("plain-bridge", ResourceType.TOPIC, AclOperation.ALL));
        acls.addAll(allow("plain-bridge", ResourceType.GROUP, AclOperation.ALL));
        acls.addAll(allow("plain-bridge", ResourceType.TRANSACTIONAL_ID, AclOperation.ALL));
        acls.addAll(allow(
                NO_WRITE, ResourceType.TOPIC, AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS));
        // the progress topic is writable: the refusal is about the target topic
        acls.add(new AclBinding(
                new ResourcePattern(ResourceType.TOPIC, "_deltabridge_progress", PatternType.LITERAL),
                new AccessControlEntry("User:" + NO_WRITE, "*", AclOperation.WRITE, AclPermissionType.ALLOW)));
        acls.addAll(allow(NO_WRITE, ResourceType.GROUP, AclOperation.ALL));
        acls.addAll(allow(NO_WRITE, ResourceType.TRANSACTIONAL_ID, AclOperation.ALL));
        acls.addAll(allow(NO_GROUP, ResourceType.TOPIC, AclOperation.ALL));
        acls.addAll(allow(NO_GROUP, ResourceType.TRANSACTIONAL_ID, AclOperation.ALL));
        acls.addAll(allow(NO_TRANSACTIONS, ResourceType.TOPIC, AclOperation.ALL));
        acls.addAll(allow(NO_TRANSACTIONS, ResourceType.GROUP, AclOperation.ALL));
        kafka.admin().createAcls(acls).all().get();
    }

    private static List<AclBinding> allow(String user, ResourceType type, AclOperation... operations) {
        return java.util.Arrays.stream(operations)
                .map(op -> new AclBinding(
                        new ResourcePattern(type, "*", PatternType.LITERAL),
                        new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW)))
                .toList();
    }

    private Path scramConfig(String name, String topic) throws IOException {
        return config(name, topic, """
                  sasl.mechanism: SCRAM-SHA-512
                  sasl.jaas.config: ${KAFKA_JAAS}
                  ssl.truststore.location: %s
                  ssl.truststore.password: ${TRUST_PASSWORD}
                """.formatted(certificates.trustStore()), """
                  url: %s/apis/ccompat/v7
                  basic-auth: %s:${SR_PASSWORD}
                  ssl.truststore.location: %s
                  ssl.truststore.password: ${TRUST_PASSWORD}
                """.formatted(
                        registry.url(), REGISTRY_USER, certificates.trustStore()));
    }

    /** Mapping "out" publishes the basic table as Avro to {@code topic}; "in" lands the topic in a new table. */
    private Path config(String name, String topic, String kafkaSecurity, String registrySettings) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        return Files.writeString(file, """
                name: security-%s
                kafka:
                  bootstrap.servers: %s
                  security.protocol: SASL_SSL
                %sschema-registry:
                %smappings:
                  - name: out
                    from: { delta: %s }
                    to:   { kafka: %s }
                    key: [id]
                    format: avro
                  - name: in
                    from: { kafka: [%s] }
                    to: { delta: %s, create: true }
                    format: avro
                """.formatted(
                        name,
                        kafka.broker().securedBootstrapServers(),
                        kafkaSecurity,
                        registrySettings,
                        basic.table(),
                        topic,
                        topic,
                        dir.resolve(name + "-landed")));
    }

    private static String scram(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    /** The placeholders' values; the bridge's own and Kafka's loggers at their most talkative. */
    private static Map<String, String> env(String jaas) {
        return Map.of(
                "KAFKA_JAAS",
                jaas,
                "TRUST_PASSWORD",
                STORE_PASSWORD,
                "SR_PASSWORD",
                REGISTRY_PASSWORD,
                "BRIDGE_LOG_LEVEL",
                "DEBUG",
                "BRIDGE_KAFKA_LOG_LEVEL",
                "INFO");
    }

    /** Runs a command to its end and returns its whole output (stdout and stderr with the log). */
    private static String expect(int exitCode, Map<String, String> env, String... args) throws InterruptedException {
        try (CliProcess cli = CliProcess.start(env, args)) {
            int code = cli.awaitExit(COMMAND_TIMEOUT);
            String output = cli.output();
            assertEquals(exitCode, code, String.join(" ", args) + "\n" + output);
            return output;
        }
    }

    private static void assertNoSecret(String output, String... secrets) {
        for (String secret : secrets) {
            assertFalse(output.contains(secret), "secret " + secret.substring(0, 3) + "… printed:\n" + output);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
