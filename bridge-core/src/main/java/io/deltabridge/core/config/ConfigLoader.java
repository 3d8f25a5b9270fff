package io.deltabridge.core.config;

import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.error.Problem;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a mapping file (SPEC §2) into a validated {@link BridgeConfig}.
 *
 * <pre>{@code
 * BridgeConfig config = ConfigLoader.load(Path.of("bridge.yaml"));         // ${VAR} from the environment
 * BridgeConfig config = ConfigLoader.load(yamlText, "bridge.yaml", env);    // tests, other sources
 * BridgeConfig config = ConfigLoader.fromMap(springProperties, System.getenv());
 * }</pre>
 *
 * Every error is an {@link InvalidConfigException} (a {@link ConfigException}, exit code 2)
 * naming the file, line, column and key, and a fix; all errors found are listed, the first in
 * file order in the exception's problem / reason / fix. Secret values never appear in them.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** Reads a YAML mapping file; {@code ${VAR}} placeholders are taken from {@link System#getenv()}. */
    public static BridgeConfig load(Path file) {
        return load(file, System.getenv());
    }

    /** Reads a YAML mapping file, with {@code ${VAR}} placeholders taken from {@code env}. */
    public static BridgeConfig load(Path file, Map<String, String> env) {
        return load(read(file), file.toString(), env);
    }

    /**
     * Reads YAML text.
     *
     * @param sourceName the name errors give the text, usually its file path
     * @param env        the variables {@code ${VAR}} placeholders are replaced with
     */
    public static BridgeConfig load(String yaml, String sourceName, Map<String, String> env) {
        Problems problems = new Problems(new MarkedSource(sourceName));
        Node root = new ConfigTrees(problems, new Placeholders(env)).fromYaml(yaml);
        return new ConfigBinder(problems).bind(root);
    }

    /**
     * Reads a configuration tree built in code, e.g. bound from a Spring {@code application.yaml}:
     * nested {@code Map<String, ?>} with the keys of the mapping file, lists as {@link java.util.List}
     * (or maps keyed {@code "0"}, {@code "1"}...), scalars of any type (read as their text). Errors
     * are located by key path, in a source named {@code <map>}.
     */
    public static BridgeConfig fromMap(Map<String, ?> tree, Map<String, String> env) {
        Problems problems = new Problems(new MarkedSource(MarkedSource.MAP_SOURCE_NAME));
        Node root = new ConfigTrees(problems, new Placeholders(env)).fromMap(tree, "", 0);
        return new ConfigBinder(problems).bind(root);
    }

    private static String read(Path file) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw Problem.of("configuration file %s not found", file)
                    .because("there is no file at %s", file.toAbsolutePath())
                    .fix(
                            "check the path given with -c, or create the file (see the configuration reference in README.md)")
                    .config();
        } catch (CharacterCodingException e) {
            throw Problem.of("cannot read configuration file %s", file)
                    .because("it is not UTF-8 text")
                    .fix("save the file as UTF-8")
                    .config();
        } catch (IOException e) {
            throw Problem.of("cannot read configuration file %s", file)
                    .because("%s", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    .fix("check the file exists, is a regular file and is readable")
                    .config(e);
        }
    }
}
