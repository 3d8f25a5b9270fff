package io.deltabridge.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.error.ExitCode;
import io.deltabridge.core.error.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every SPEC §2 rule: the error names file, line, column and key, says why, and gives a fix. */
class ConfigErrorsTest {
    private static final String HEAD = """
            name: b
            kafka: { bootstrap.servers: localhost:9092 }
            """;
    private static final String REGISTRY = """
            schema-registry: { url: "http://localhost:8081" }
            """;

    @Test
    void unknownKeySuggestsTheNearestKnownKey() {
        Problem p = only(HEAD + """
                mappings:
                  - name: in
                    from: { kafka: t }
                    to:
                      delta: /t
                      partiton-by: [d]
                """);
        assertEquals(
                "bridge.yaml:8:7 (mappings[0].to.partiton-by): unknown key `partiton-by` in `mappings[].to`",
                p.problem());
        assertEquals("did you mean `partition-by`?", p.reason());
        assertEquals(
                "rename `partiton-by` to `partition-by` (the keys here are `kafka`, `delta`, `create`, "
                        + "`partition-by`, `schema`, `table-properties`, `target-file-size`)",
                p.fix());
    }

    @Test
    void aWriterOnALogStoreWithoutExclusionMustDeclareItIsTheOnlyOne() {
        String unsafe = HEAD + """
                delta: { io.delta.kernel.logStore.s3a.impl: io.delta.storage.S3SingleDriverLogStore }
                mappings:
                  - name: in
                    from: { kafka: t }
                    to: { delta: "s3a://bucket/t" }
                """;
        Problem p = only(unsafe);
        assertEquals(
                "bridge.yaml:7:18 (mappings[0].to.delta): mapping `in` writes s3a://bucket/t through "
                        + "io.delta.storage.S3SingleDriverLogStore, which keeps no second writer out",
                p.problem());
        assertTrue(p.reason().contains("records are lost"), p.reason());
        assertTrue(p.fix().contains("`single-writer: true`"), p.fix());

        BridgeConfig declared = ConfigLoader.load(unsafe + "    single-writer: true\n", "bridge.yaml", Map.of());
        assertEquals(1, declared.mappings().size());
        // the default store for s3a:// and a reader of the same table need no declaration
        ConfigLoader.load(
                HEAD + "mappings: [{name: in, from: {kafka: t}, to: {delta: \"s3a://bucket/t\"}}]\n",
                "bridge.yaml",
                Map.of());
        ConfigLoader.load(
                unsafe.replace("from: { kafka: t }", "from: { delta: \"s3a://bucket/t\" }")
                        .replace("to: { delta: \"s3a://bucket/t\" }", "to: { kafka: o }\n    key: [id]"),
                "bridge.yaml",
                Map.of());
    }

    @Test
    void unknownKeyWithoutANearKeyListsTheKnownOnes() {
        Problem p = only(HEAD + "mappings: [{name: in, from: {kafka: t}, to: {delta: /t}}]\ncolour: blue\n");
        assertEquals("bridge.yaml:4:1 (colour): unknown key `colour` at the top level", p.problem());
        assertEquals("it is not an option here", p.reason());
        assertEquals(
                "remove it or use one of `name`, `kafka`, `producer`, `consumer`, `admin`, `schema-registry`, `delta`, `progress-topic`, "
                        + "`mappings`, `openlineage` (see the configuration reference in README.md)",
                p.fix());
    }

    @Test
    void camelCaseAndUnderscoreKeysSuggestTheHyphenatedKey() {
        List<Problem> ps = problems(HEAD + """
                mappings:
                  - name: out
                    from: { delta: /t }
                    to: { kafka: o }
                    key: id
                    keyFormat: string
                    poll_interval: 1s
                """);
        assertEquals("did you mean `key-format`?", ps.get(0).reason());
        assertEquals("did you mean `poll-interval`?", ps.get(1).reason());
    }

    @Test
    void wrongTypeNamesTheExpectedTypeAndTheDefault() {
        Problem p = only(HEAD + """
                mappings:
                  - name: in
                    from: { kafka: t }
                    to: { delta: /t }
                    flush: { max-records: lots }
                """);
        assertEquals("bridge.yaml:7:27 (mappings[0].flush.max-records): invalid value for `max-records`", p.problem());
        assertEquals("expected a positive whole number, got `lots`", p.reason());
        assertEquals("write a positive whole number, e.g. `max-records: 500000` (the default)", p.fix());
    }

    @Test
    void wrongEnumValueSuggestsTheNearestValue() {
        Problem p = only(HEAD + """
                mappings:
                  - name: in
                    from: { kafka: t }
                    to: { delta: /t }
                    format: jsn
                """);
        assertEquals("bridge.yaml:7:13 (mappings[0].format): invalid value for `format`", p.problem());
        assertEquals("expected one of `json`, `avro`, got `jsn`", p.reason());
        assertEquals("did you mean `json`? write `format: json`", p.fix());
    }

    @Test
    void startingOffsetsIsEarliestOrLatestAndOnlyForKafkaToDelta() {
        Problem wrong = only(HEAD + """
                mappings:
                  - name: in
                    from: { kafka: t }
                    to: { delta: /t }
                    starting-offsets: lastest
                """);
        assertEquals(
                "bridge.yaml:7:23 (mappings[0].starting-offsets): invalid value for `starting-offsets`",
                wrong.problem());
        assertEquals("expected one of `earliest`, `latest`, got `lastest`", wrong.reason());
        assertEquals("did you mean `latest`? write `starting-offsets: latest`", wrong.fix());

        Problem otherDirection = only(HEAD + """
                mappings:
                  - name: out
                    from: { delta: /t }
                    to: { kafka: t }
                    key: id
                    starting-offsets: latest
                """);
        assertEquals(
                "bridge.yaml:8:5 (mappings[0].starting-offsets): `starting-offsets` does not apply to mapping `out`",
                otherDirection.problem());
    }

    @Test
    void clientSettingsThatWouldBreakExactlyOnceAreRefusedWhereverTheyAreWritten() {
        List<Problem> refused = problems("""
                name: b
                kafka: { bootstrap.servers: "k:9092", transactional.id: mine }
                producer: { acks: 1 }
                consumer: { enable.auto.commit: true, group.id: g }
                mappings:
                  - name: in
                    from: { kafka: t }
                    to: { delta: /d }
                    consumer: { isolation.level: read_uncommitted, auto.offset.reset: latest }
                    producer: { enable.idempotence: false }
                """);
        assertEquals(
                List.of(
                        "bridge.yaml:2:57 (kafka.transactional.id): `transactional.id: mine` would break exactly once",
                        "bridge.yaml:3:19 (producer.acks): `acks: 1` would break exactly once",
                        "bridge.yaml:4:33 (consumer.enable.auto.commit): `enable.auto.commit: true` would break exactly once",
                        "bridge.yaml:4:49 (consumer.group.id): `group.id: g` would break exactly once",
                        "bridge.yaml:9:34 (mappings[0].consumer.isolation.level): `isolation.level: read_uncommitted` would break exactly once",
                        "bridge.yaml:9:71 (mappings[0].consumer.auto.offset.reset): `auto.offset.reset: latest` would break exactly once",
                        "bridge.yaml:10:37 (mappings[0].producer.enable.idempotence): `enable.idempotence: false` would break exactly once"),
                refused.stream().map(Problem::problem).toList());
        Problem reset = refused.get(5);
        assertTrue(reset.reason().contains("`starting-offsets`"), reset.reason());
        assertEquals(
                "remove it, and set `starting-offsets: earliest | latest` on the kafka → delta mapping", reset.fix());
        assertEquals("remove it: the bridge sets `all`", refused.get(1).fix());

        // a role's rules apply to its own block only: admin clients have no acks
        ConfigLoader.load(
                HEAD
                        + "admin: { acks: 1 }\nproducer: { acks: -1 }\nmappings: [{name: in, from: {kafka: t}, to: {delta: /d}}]\n",
                "bridge.yaml",
                Map.of());
    }

    @Test
    void confluentRegistryKeysThatAreWrongOrUnsupportedAreErrorsNeverIgnored() {
        List<Problem> problems = problems(HEAD + """
                schema-registry:
                  url: https://sr.example
                  basic.auth.credentials.source: SASL_INHERIT
                  bearer.auth.credentials.source: OAUTHBEARER
                  bearer.auth.client.id: app
                  use.latest.version: true
                  value.subject.name.strategy: MyStrategy
                  auto.register.schemas: maybe
                  schema.registry.url: https://other
                  normalize.schemas: true
                mappings: [{name: m, from: {kafka: t}, to: {delta: /t}, format: avro}]
                """);
        assertEquals(
                List.of(
                        "bridge.yaml:5:3 (schema-registry.basic.auth.credentials.source): `basic.auth.credentials.source: SASL_INHERIT` is a Confluent registry client setting that the bridge does not support",
                        "bridge.yaml:6:3 (schema-registry.bearer.auth.credentials.source): `bearer.auth.credentials.source: OAUTHBEARER` is a Confluent registry client setting that the bridge does not support",
                        "bridge.yaml:7:3 (schema-registry.bearer.auth.client.id): `bearer.auth.client.id` is a Confluent registry client setting that the bridge does not support",
                        "bridge.yaml:8:3 (schema-registry.use.latest.version): `use.latest.version: true` needs `auto.register.schemas: false`",
                        "bridge.yaml:9:32 (schema-registry.value.subject.name.strategy): invalid value for `value.subject.name.strategy`",
                        "bridge.yaml:10:26 (schema-registry.auto.register.schemas): invalid value for `auto.register.schemas`",
                        "bridge.yaml:11:3 (schema-registry.schema.registry.url): `schema.registry.url` is written `url` here",
                        "bridge.yaml:12:3 (schema-registry.normalize.schemas): `normalize.schemas` is a Confluent registry client setting that the bridge does not support"),
                problems.stream().map(Problem::problem).toList());
        assertEquals(
                "add `auto.register.schemas: false`, or remove `use.latest.version`",
                problems.get(3).fix());
        assertEquals(
                "write `basic.auth.credentials.source: USER_INFO` with `basic.auth.user.info: <key>:<secret>`",
                problems.get(0).fix());
        assertEquals(
                "expected `TopicNameStrategy`, `RecordNameStrategy`, `TopicRecordNameStrategy`, got `MyStrategy`",
                problems.get(4).reason());

        Map<String, String> env = Map.of("SR_INFO", "no-colon-secret");
        List<Problem> credentials = assertThrows(
                        InvalidConfigException.class, () -> ConfigLoader.load(HEAD + """
                schema-registry:
                  url: https://sr.example
                  basic.auth.credentials.source: URL
                  basic.auth.user.info: ${SR_INFO}
                mappings: [{name: m, from: {kafka: t}, to: {delta: /t}, format: avro}]
                """, "bridge.yaml", env))
                .problems();
        assertEquals(
                "bridge.yaml:6:3 (schema-registry.basic.auth.user.info): `basic.auth.user.info` is set but `basic.auth.credentials.source` is `URL`",
                credentials.get(0).problem());
        assertEquals(
                "bridge.yaml:6:25 (schema-registry.basic.auth.user.info): invalid value for `basic.auth.user.info`",
                credentials.get(1).problem());
        assertFalse(credentials.toString().contains("no-colon-secret"), credentials.toString());

        Problem noUserInfo =
                only(HEAD + "schema-registry: { url: \"https://sr\", basic.auth.credentials.source: USER_INFO }\n"
                        + "mappings: [{name: m, from: {kafka: t}, to: {delta: /t}, format: avro}]\n");
        assertEquals("add `basic.auth.user.info: ${SR_KEY}:${SR_SECRET}`", noUserInfo.fix());
    }

    @Test
    void wrongSizesDurationsAndStartingVersionsSayWhy() {
        List<Problem> ps = problems(HEAD + """
                mappings:
                  - name: in
                    from: { kafka: t }
                    to: { delta: /t, target-file-size: 12XB, create: yes }
                    flush: { max-interval: 30 }
                  - name: out
                    from: { delta: /t }
                    to: { kafka: o }
                    key: [id, {a: b}]
                    starting-version: yesterday
                    changes: [insert, upsert]
                """);
        assertEquals(6, ps.size(), ps.toString());
        assertEquals(
                "bridge.yaml:6:40 (mappings[0].to.target-file-size): invalid value for `target-file-size`",
                ps.get(0).problem());
        assertTrue(
                ps.get(0).reason().endsWith("got `12XB`: unknown unit `XB`"),
                ps.get(0).reason());
        assertEquals(
                "bridge.yaml:6:54 (mappings[0].to.create): invalid value for `create`",
                ps.get(1).problem());
        assertEquals("expected `true` or `false`, got `yes`", ps.get(1).reason());
        assertTrue(
                ps.get(2).reason().endsWith("got `30`: it has no unit"),
                ps.get(2).reason());
        assertEquals(
                "write a duration with a unit ms, s, m, h or d (`500ms`, `1s`, `30s`, `5m`), e.g. `max-interval: 30s` (the default)",
                ps.get(2).fix());
        assertEquals(
                "bridge.yaml:11:15 (mappings[1].key[1]): invalid value for `key`",
                ps.get(3).problem());
        assertEquals(
                "expected a list of strings (`[a, b]`; a single value is a list of one), got an invalid entry: "
                        + "entry [1] is a mapping, not a single value",
                ps.get(3).reason());
        assertTrue(
                ps.get(4).problem().startsWith("bridge.yaml:12:23 (mappings[1].starting-version): "),
                ps.get(4).problem());
        assertEquals(
                "expected `earliest`, `latest`, a table version (`42`) or an ISO-8601 timestamp (`2024-05-01T00:00:00Z`), "
                        + "got `yesterday`",
                ps.get(4).reason());
        assertEquals(
                "bridge.yaml:13:23 (mappings[1].changes[1]): invalid value for `changes`",
                ps.get(5).problem());
        assertEquals(
                "expected a list of values among `insert`, `update`, `delete` (`[a, b]`; a single value is a list of one), "
                        + "got `upsert`",
                ps.get(5).reason());
        assertEquals(
                "did you mean `insert`? the values are `insert`, `update`, `delete`",
                ps.get(5).fix());
    }

    @Test
    void missingRequiredKeyPointsAtTheEnclosingSection() {
        Problem p = only(HEAD + """
                mappings:
                  - from: { kafka: t }
                    to: { delta: /t }
                """);
        assertEquals("bridge.yaml:4:5 (mappings[0]): missing required key `name` in `mappings[0]`", p.problem());
        assertTrue(p.reason().startsWith("it is required: unique within the file"), p.reason());
        assertEquals(
                "add `name:` with a name of letters, digits, `.`, `_` and `-`, starting with a letter or digit",
                p.fix());

        Problem key = only(HEAD + "mappings: [{name: out, from: {delta: /t}, to: {kafka: o}}]\n");
        assertEquals("bridge.yaml:3:12 (mappings[0]): missing required key `key` in `mappings[0]`", key.problem());

        Problem bootstrap =
                only("name: b\nkafka:\n  acks: all\nmappings: [{name: in, from: {kafka: t}, to: {delta: /t}}]\n");
        assertEquals(
                "bridge.yaml:2:1 (kafka): missing required key `bootstrap.servers` in `kafka`", bootstrap.problem());

        Problem url = only(HEAD
                + "schema-registry:\n  basic-auth: u:p\nmappings: [{name: in, from: {kafka: t}, to: {delta: /t}}]\n");
        assertEquals(
                "bridge.yaml:3:1 (schema-registry): missing required key `url` in `schema-registry`", url.problem());
    }

    @Test
    void stringKeyFormatNeedsASingleKeyColumn() {
        Problem p = only(HEAD + """
                mappings:
                  - name: out
                    from: { delta: /t }
                    to: { kafka: o }
                    key: [region, customer_id]
                    key-format: string
                """);
        assertEquals(
                "bridge.yaml:8:17 (mappings[0].key-format): `key-format: string` needs a single key column",
                p.problem());
        assertEquals("`key` has 2 columns (region, customer_id)", p.reason());
        assertEquals("use `key-format: json` or `key-format: avro`, or a single column in `key`", p.fix());
    }

    @Test
    void avroNeedsASchemaRegistry() {
        Problem value = only(HEAD + """
                mappings:
                  - name: in
                    from: { kafka: t }
                    to: { delta: /t }
                    format: avro
                """);
        assertEquals(
                "bridge.yaml:7:13 (mappings[0].format): mapping `in` uses avro but there is no `schema-registry`",
                value.problem());
        assertEquals(
                "Avro records carry a schema id that must be registered and looked up in a registry", value.reason());
        assertEquals(
                "add a top-level `schema-registry:` with `url:` (any Confluent-compatible registry), or use `format: json`",
                value.fix());

        Problem key = only(HEAD + """
                mappings:
                  - name: out
                    from: { delta: /t }
                    to: { kafka: o }
                    key: id
                    key-format: avro
                """);
        assertEquals(
                "bridge.yaml:8:17 (mappings[0].key-format): mapping `out` uses avro but there is no `schema-registry`",
                key.problem());
        assertTrue(key.fix().endsWith("or use `key-format: json`"), key.fix());

        ConfigLoader.load(HEAD + REGISTRY + """
                mappings:
                  - name: out
                    from: { delta: /t }
                    to: { kafka: o }
                    key: id
                    format: avro
                """, "bridge.yaml", Map.of());
    }

    @Test
    void duplicateMappingNames() {
        Problem p = only(HEAD + """
                mappings:
                  - name: orders
                    from: { kafka: t }
                    to: { delta: /t }
                  - name: orders
                    from: { kafka: u }
                    to: { delta: /u }
                """);
        assertEquals("bridge.yaml:7:11 (mappings[1].name): duplicate mapping name `orders`", p.problem());
        assertEquals("mappings[0] at bridge.yaml:4:5 (mappings[0].name) has the same name", p.reason());
        assertTrue(p.fix().startsWith("give each mapping a unique name"), p.fix());
    }

    @Test
    void aMappingMustGoDeltaToKafkaOrKafkaToDelta() {
        Problem deltaToDelta = only(HEAD + """
                mappings:
                  - name: copy
                    from: { delta: /a }
                    to: { delta: /b }
                """);
        assertEquals(
                "bridge.yaml:6:5 (mappings[0].to): mapping `copy` goes from delta to delta", deltaToDelta.problem());
        assertEquals(
                "write `from: {delta: <table>}` with `to: {kafka: <topic>}`, or `from: {kafka: <topics>}` with `to: {delta: <table>}`",
                deltaToDelta.fix());

        Problem kafkaToKafka = only(HEAD + "mappings: [{name: mirror, from: {kafka: a}, to: {kafka: b}}]\n");
        assertEquals(
                "bridge.yaml:3:45 (mappings[0].to): mapping `mirror` goes from kafka to kafka", kafkaToKafka.problem());

        Problem both = only(HEAD + "mappings: [{name: m, from: {kafka: a, delta: /t}, to: {kafka: b}}]\n");
        assertEquals("bridge.yaml:3:22 (mappings[0].from): `from` names both `delta` and `kafka`", both.problem());

        List<Problem> neither = problems(HEAD + "mappings: [{name: m, from: {topic: a}, to: {delta: /t}}]\n");
        assertEquals(
                "bridge.yaml:3:22 (mappings[0].from): missing required key `delta` or `kafka` in `mappings[0].from`",
                neither.get(0).problem());
        assertEquals(
                "write `from: {delta: <table path or URI>}` or `from: {kafka: <topic>}`",
                neither.get(0).fix());
        assertEquals(
                "bridge.yaml:3:29 (mappings[0].from.topic): unknown key `topic` in `mappings[].from`",
                neither.get(1).problem());
    }

    @Test
    void aSectionWrittenAsAValueIsOneError() {
        Problem from = only(HEAD + "mappings: [{name: m, from: /lake/t, to: {kafka: o}, key: id}]\n");
        assertEquals("bridge.yaml:3:28 (mappings[0].from): invalid value for `from`", from.problem());
        assertEquals(
                "expected a mapping with the keys `delta`, `kafka`, `kafka-pattern`, got a single value",
                from.reason());

        Problem flush = only(HEAD + "mappings: [{name: m, from: {kafka: t}, to: {delta: /t}, flush: 5}]\n");
        assertEquals(
                "expected a mapping with the keys `max-records`, `max-bytes`, `max-interval`, got a single value",
                flush.reason());
    }

    @Test
    void aClientPropertyWithoutValue() {
        Problem p = only(
                "name: b\nkafka:\n  bootstrap.servers: k\n  acks:\nmappings: [{name: m, from: {kafka: t}, to: {delta: /t}}]\n");
        assertEquals("bridge.yaml:4:8 (kafka.acks): invalid value for `kafka`", p.problem());
        assertEquals(
                "expected a mapping of property names to values, got an invalid entry: property `acks` has no value",
                p.reason());
    }

    @Test
    void optionsOfTheOtherDirectionAreRejected() {
        Problem p = only(HEAD + """
                mappings:
                  - name: in
                    from: { kafka: t }
                    to: { delta: /t }
                    poll-interval: 1s
                """);
        assertEquals(
                "bridge.yaml:7:5 (mappings[0].poll-interval): `poll-interval` does not apply to mapping `in`",
                p.problem());
        assertEquals(
                "it is an option of delta → kafka mappings, and this mapping is one of kafka → delta mappings",
                p.reason());
        assertEquals("remove `poll-interval` from this mapping", p.fix());
    }

    @Test
    void upsertNeedsAKeyAndKeysOrDebeziumNeedUpsert() {
        Problem noKey = only(HEAD + "mappings: [{name: in, from: {kafka: t}, to: {delta: /t}, mode: upsert}]\n");
        assertEquals("bridge.yaml:3:12 (mappings[0]): missing required key `key` in `mappings[0]`", noKey.problem());

        Problem empty =
                only(HEAD + "mappings: [{name: in, from: {kafka: t}, to: {delta: /t}, mode: upsert, key: []}]\n");
        assertEquals("`key` is empty", empty.problem().substring(empty.problem().indexOf(": ") + 2));

        List<Problem> append = problems(HEAD + """
                mappings:
                  - name: in
                    from: { kafka: t }
                    to: { delta: /t }
                    key: [id]
                    envelope: debezium
                """);
        assertEquals(2, append.size(), append.toString());
        assertEquals(
                "bridge.yaml:7:5 (mappings[0].key): `key` needs `mode: upsert`",
                append.get(0).problem());
        assertEquals(
                "add `mode: upsert` to apply changes by key, or remove `key`",
                append.get(0).fix());
        assertEquals(
                "bridge.yaml:8:5 (mappings[0].envelope): `envelope` needs `mode: upsert`",
                append.get(1).problem());

        Problem stringKey = only(
                HEAD
                        + "mappings: [{name: in, from: {kafka: t}, to: {delta: /t}, mode: upsert, key: [a, b], key-format: string}]\n");
        assertTrue(stringKey.problem().endsWith("`key-format: string` needs a single key column"), stringKey.problem());
    }

    @Test
    void deadLetterWithoutATopic() {
        Problem p = only(HEAD + """
                mappings:
                  - name: orders-in
                    from: { kafka: orders }
                    to: { delta: /t }
                    on-error: dead-letter
                """);
        assertEquals(
                "bridge.yaml:7:15 (mappings[0].on-error): `on-error: dead-letter` needs a `dead-letter-topic`",
                p.problem());
        assertEquals("mapping `orders-in` has no topic to send undecodable records to", p.reason());
        assertEquals("add `dead-letter-topic: orders-in-dlq` to the mapping, or write `on-error: fail`", p.fix());
    }

    @Test
    void emptyOrMissingMappings() {
        Problem empty = only(HEAD + "mappings: []\n");
        assertEquals("bridge.yaml:3:1 (mappings): `mappings` is empty", empty.problem());
        assertEquals("a bridge needs at least one mapping to do anything", empty.reason());

        Problem missing = only(HEAD + "mappings:\n");
        assertEquals("bridge.yaml:1:1: missing required key `mappings` at the top level", missing.problem());
        assertEquals("add `mappings:` with a list of mappings, each starting with `- name:`", missing.fix());
    }

    @Test
    void duplicateKeysAndSyntaxErrors() {
        Problem duplicate = only(HEAD + """
                mappings:
                  - name: in
                    from: { kafka: t }
                    to: { delta: /t }
                    format: json
                    format: avro
                """);
        assertEquals("bridge.yaml:8:5: duplicate key `format` (mappings[0].format)", duplicate.problem());
        assertEquals("it is already set at line 7", duplicate.reason());

        Problem syntax = only("name: b\nkafka: {a: 1\n");
        assertEquals("bridge.yaml:3:1: not valid YAML", syntax.problem());
        assertEquals("expected ',' or '}', but got <stream end>", syntax.reason());
    }

    @Test
    void errorsAreGatheredInFileOrderAndTheFirstIsTheExceptionsOwn() {
        InvalidConfigException e =
                assertThrows(InvalidConfigException.class, () -> ConfigLoader.load("""
                name: b
                kafka: { bootstrap.servers: x }
                mappings:
                  - name: in
                    from: { kafka: t }
                    to: { delta: /t }
                    format: jsn
                  - name: in
                    from: { kafka: t }
                    to: { delta: /t }
                progress-topic: "not a topic"
                """, "bridge.yaml", Map.of()));
        assertEquals(ExitCode.CONFIG_ERROR, e.exitCode());
        assertEquals(3, e.problems().size());
        assertTrue(e.problems().get(0).problem().startsWith("bridge.yaml:7:13 "));
        assertTrue(e.problems().get(1).problem().startsWith("bridge.yaml:8:11 "));
        assertTrue(e.problems().get(2).problem().startsWith("bridge.yaml:11:17 "));
        assertEquals(e.problems().get(0).problem(), e.problem());
        assertEquals(e.problems().get(0).fix(), e.fix());
        assertTrue(e.getMessage().contains("and 2 more errors:"), e.getMessage());
        assertTrue(e.getMessage().contains("duplicate mapping name `in`"), e.getMessage());
    }

    @Test
    void unsetVariableIsAnErrorNamingItsLocationAndKey() {
        Problem p = only("""
                name: b
                kafka:
                  bootstrap.servers: ${KAFKA_BOOTSTRAP_SERVERS}
                mappings: [{name: in, from: {kafka: t}, to: {delta: /t}}]
                """);
        assertEquals(
                "bridge.yaml:3:22 (kafka.bootstrap.servers): environment variable `KAFKA_BOOTSTRAP_SERVERS` is not set",
                p.problem());
        assertEquals("the value refers to ${KAFKA_BOOTSTRAP_SERVERS}, which has no default", p.reason());
        assertEquals(
                "set KAFKA_BOOTSTRAP_SERVERS in the environment, or give a default: ${KAFKA_BOOTSTRAP_SERVERS:-value}",
                p.fix());
    }

    @Test
    void secretsNeverAppearInErrors() {
        Map<String, String> env = Map.of("JAAS", "jaas-secret-value", "PW", "pw-secret-value");
        String yaml = """
                name: b
                kafka:
                  bootstrap.servers: x
                  sasl.jaas.config: ${JAAS}
                  ssl.key.password: ${PW}
                  nested: [{a: b}]
                schema-registry:
                  url: not-a-url
                  basic-auth: "   "
                  basic.auth.user.info: [{u: "${PW}"}]
                mappings:
                  - name: out
                    from: { delta: "${PW}" }
                    to: { kafka: o }
                    key: [id]
                    colums: ["${JAAS}"]
                """;
        InvalidConfigException e =
                assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(yaml, "bridge.yaml", env));
        assertTrue(e.problems().size() >= 4, e.getMessage());
        String message = e.getMessage();
        assertFalse(message.contains("secret-value"), message);
        assertTrue(message.contains("(schema-registry.basic-auth): invalid value for `basic-auth`"), message);
        assertTrue(message.contains("got a value that is not shown because `basic-auth` is a secret"), message);

        // A syntax error on a secret's line does not quote the line.
        InvalidConfigException syntax = assertThrows(
                InvalidConfigException.class,
                () -> ConfigLoader.load(
                        "name: b\nkafka:\n  sasl.jaas.config: \"jaas-secret-value\n", "bridge.yaml", env));
        assertFalse(syntax.getMessage().contains("secret-value"), syntax.getMessage());
        assertEquals(null, syntax.getCause());
    }

    @Test
    void anUnquotedPlaceholderInAFlowMappingGetsAHint() {
        Problem p = only(HEAD + "mappings: [{name: in, from: {kafka: ${TOPIC}}, to: {delta: /t}}]\n");
        assertTrue(p.problem().startsWith("bridge.yaml:3:"), p.problem());
        assertEquals(
                "inside `{...}` or `[...]` put values with ${...} in quotes, e.g. `{ kafka: \"${TOPIC}\" }`", p.fix());
    }

    static Problem only(String yaml) {
        List<Problem> problems = problems(yaml);
        assertEquals(1, problems.size(), () -> "expected one error, got: " + problems);
        return problems.get(0);
    }

    static List<Problem> problems(String yaml) {
        InvalidConfigException e =
                assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(yaml, "bridge.yaml", Map.of()));
        return e.problems();
    }
}
