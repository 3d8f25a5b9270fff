package io.deltabridge.core.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.error.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random and mutated mapping files: the loader either accepts them or fails with a
 * {@link ConfigException} whose message says where (file:line:column, or the key path) — never
 * another exception, a stack overflow or an unlocated message. jqwik prints the seed of a
 * failing run; repeat it with {@code -Djqwik.seeds.whenfixed=ALLOW} and {@code @Property(seed = ...)}.
 */
class ConfigLoaderFuzzPropertiesTest {
    private static final String SOURCE = "fuzz.yaml";
    private static final Map<String, String> ENV = Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092", "KAFKA_JAAS", "jaas", "SR_USER", "u", "SR_PASSWORD", "p");
    /** {@code fuzz.yaml:3:7} or {@code fuzz.yaml (mappings[0].name)}: a line and column, or a key path. */
    private static final Pattern LOCATED =
            Pattern.compile("(?s).*" + Pattern.quote(SOURCE) + "(:\\d+:\\d+| \\([^)]*\\)).*");

    private static final String SPEC_EXAMPLE = resource("/config/spec-example.yaml");
    private static final String SMALL = """
            name: b
            kafka: { bootstrap.servers: "127.0.0.1:9092" }
            mappings:
              - name: in
                from: { kafka: [orders] }
                to: { delta: /tmp/t, create: true, schema: "id BIGINT" }
                flush: { max-records: 10, max-bytes: 1MiB, max-interval: 1s }
            """;
    /** Characters and fragments that mean something to YAML, placeholders or the option parsers. */
    private static final List<String> FRAGMENTS = List.of(
            ":",
            ": ",
            "-",
            "- ",
            "[",
            "]",
            "{",
            "}",
            ",",
            "\"",
            "'",
            "#",
            "&a ",
            "*a",
            "!",
            "!!binary ",
            "!!python/object ",
            "|",
            ">",
            "%YAML 1.1\n",
            "---\n",
            "...\n",
            "?",
            "@",
            "`",
            "\t",
            "\n",
            "\n  ",
            "  ",
            "${",
            "}",
            "${X:-",
            "${NOPE}",
            "\\",
            "\u0000",
            "\uFEFF",
            "\uD800",
            "é",
            "🚀",
            "99999999999999999999",
            "-1",
            "0x1F",
            "1e400",
            "NaN",
            "~",
            "null",
            "true",
            "<<: *a\n",
            "mappings",
            "name",
            "from",
            "to",
            "kafka",
            "delta",
            "flush",
            "max-bytes",
            "1ZiB",
            "partition-by",
            "schema",
            "format",
            "avro",
            "key-format",
            "string",
            "on-error",
            "starting-version",
            "2024-13-45T99:99");

    private static String resource(String name) {
        try (InputStream in = ConfigLoaderFuzzPropertiesTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Property(tries = 3000)
    void mutatedMappingFilesLoadOrFailWithALocatedConfigError(@ForAll("mutants") String yaml) {
        loadsOrFailsLocated(yaml);
    }

    @Property(tries = 1000)
    void randomTextLoadsOrFailsWithALocatedConfigError(@ForAll("garbage") String yaml) {
        loadsOrFailsLocated(yaml);
    }

    @Example
    void hostileDocumentsFailWithALocatedConfigError() {
        List<String> hostile = List.of(
                "a: &a [*a]\n", // a recursive alias
                "a: &a {b: *a}\n",
                "name: " + "[".repeat(10_000) + "\n", // deep nesting
                "name: " + "{a: ".repeat(10_000) + "\n",
                "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                        + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n", // alias expansion
                "name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n",
                "\uFEFFname: b\n",
                "name: b\nname: c\n",
                "? [a, b]\n: c\n", // a complex key
                "name: b\nmappings: " + "- ".repeat(5_000) + "x\n",
                SMALL.replace("1MiB", "99999999999999999999999TiB"),
                SMALL.replace("1s", "999999999999999999999d"),
                SMALL.replace("max-records: 10", "max-records: 1e400"),
                "");
        hostile.forEach(ConfigLoaderFuzzPropertiesTest::loadsOrFailsLocated);
    }

    private static void loadsOrFailsLocated(String yaml) {
        try {
            ConfigLoader.load(yaml, SOURCE, ENV);
        } catch (ConfigException e) {
            String message = e.getMessage();
            assertTrue(LOCATED.matcher(message).matches(), () -> "not located: " + message);
            assertTrue(e.problem() != null && !e.problem().isBlank(), "no problem stated");
        }
        // anything else (another exception, an Error) fails the property with the input that caused it
    }

    @Provide
    Arbitrary<String> mutants() {
        Arbitrary<String> base = Arbitraries.of(SPEC_EXAMPLE, SMALL);
        Arbitrary<List<Mutation>> mutations = mutation().list().ofMinSize(1).ofMaxSize(6);
        return Combinators.combine(base, mutations).as((text, list) -> {
            String out = text;
            for (Mutation m : list) {
                out = m.apply(out);
            }
            return out;
        });
    }

    @Provide
    Arbitrary<String> garbage() {
        Arbitrary<String> fragments =
                Arbitraries.of(FRAGMENTS).list().ofMaxSize(60).map(l -> String.join("", l));
        Arbitrary<String> chars = Arbitraries.strings().all().ofMaxLength(200);
        return Arbitraries.oneOf(fragments, chars);
    }

    /** One edit of the text, at positions given as fractions of its length. */
    private record Mutation(int kind, double at, double to, String fragment) {
        String apply(String s) {
            int i = (int) (at * s.length());
            int j = Math.min(s.length(), i + (int) (to * 40));
            List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
            int line = (int) (at * lines.size());
            int other = (int) (to * lines.size());
            return switch (kind) {
                case 0 -> s.substring(0, i) + s.substring(j); // delete a range
                case 1 -> s.substring(0, i) + fragment + s.substring(i); // insert
                case 2 -> s.substring(0, i) + fragment + s.substring(j); // replace a range
                case 3 -> s.substring(0, i); // truncate
                case 4 -> { // duplicate a line
                    lines.add(line, lines.get(line));
                    yield String.join("\n", lines);
                }
                case 5 -> { // swap two lines
                    String a = lines.get(line);
                    lines.set(line, lines.get(other));
                    lines.set(other, a);
                    yield String.join("\n", lines);
                }
                case 6 -> { // indent or dedent a line
                    String l = lines.get(line);
                    lines.set(line, to < 0.5 ? "  " + l : l.stripLeading());
                    yield String.join("\n", lines);
                }
                default -> s;
            };
        }
    }

    private static Arbitrary<Mutation> mutation() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 6),
                        Arbitraries.doubles().between(0, 0.99).ofScale(4),
                        Arbitraries.doubles().between(0, 0.99).ofScale(4),
                        Arbitraries.of(FRAGMENTS))
                .as(Mutation::new);
    }
}
