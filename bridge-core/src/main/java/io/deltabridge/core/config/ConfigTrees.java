package io.deltabridge.core.config;

import io.deltabridge.core.config.Node.Entry;
import io.deltabridge.core.config.Node.ListNode;
import io.deltabridge.core.config.Node.MapNode;
import io.deltabridge.core.config.Node.Mark;
import io.deltabridge.core.config.Node.ScalarNode;
import io.deltabridge.core.error.Problem;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Builds the configuration {@link Node} tree from YAML text (with the position of every key
 * and value) or from a map built in code, resolving {@code ${VAR}} placeholders in scalar
 * values on the way. Problems go to {@link Problems}; a part that cannot be read is left out.
 */
final class ConfigTrees {
    /** Deeper than any sensible configuration; guards against alias cycles. */
    private static final int MAX_DEPTH = 64;

    private final Problems problems;
    private final MarkedSource source;
    private final Placeholders placeholders;

    ConfigTrees(Problems problems, Placeholders placeholders) {
        this.problems = problems;
        this.source = problems.source();
        this.placeholders = placeholders;
    }

    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The document's tree, or null when it is not valid YAML (the problem is recorded). */
    Node fromYaml(String yaml) {
        org.yaml.snakeyaml.nodes.Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setProcessComments(false);
            root = new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            // Our own message: SnakeYAML's quotes the offending line, which may hold a secret.
            org.yaml.snakeyaml.error.Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String fix = placeholderInFlow(yaml, mark)
                    ? "inside `{...}` or `[...]` put values with ${...} in quotes, e.g. `{ kafka: \"${TOPIC}\" }`"
                    : "correct the YAML syntax at this line (indentation, `key: value`, quotes)";
            problems.atMark(
                    mark == null ? null : new Mark(mark.getLine() + 1, mark.getColumn() + 1),
                    Problem.of("not valid YAML").because("%s", e.getProblem()).fix("%s", fix));
            return null;
        } catch (ReaderException e) {
            problems.atMark(
                    markAt(yaml, e.getPosition()),
                    Problem.of("not valid YAML")
                            .because("the character U+%04X is not allowed in a YAML file", e.getCodePoint())
                            .fix(
                                    "remove it, or write it as an escape inside double quotes (e.g. \"\\u%04X\")",
                                    e.getCodePoint()));
            return null;
        } catch (YAMLException e) {
            // no position (e.g. too many aliases, nested too deep): the document as a whole
            problems.atMark(
                    new Mark(1, 1),
                    Problem.of("not valid YAML")
                            .because("%s", firstLine(e.getMessage()))
                            .fix(
                                    "check the file is a plain YAML document in UTF-8 (no recursive or heavily repeated aliases)"));
            return null;
        }
        source.recordKey("", new Mark(1, 1));
        if (root == null) {
            return new MapNode(new Mark(1, 1), Map.of());
        }
        return fromYaml(root, "", 0);
    }

    /** Line and column (1-based) of the character at {@code index} of {@code text}. */
    private static Mark markAt(String text, int index) {
        int end = Math.max(0, Math.min(index, text.length()));
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Mark(line, end - lineStart + 1);
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "the YAML parser failed";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }

    /** A plain {@code ${VAR}} inside a flow collection: YAML reads its {@code {} as a nested mapping. */
    private static boolean placeholderInFlow(String yaml, org.yaml.snakeyaml.error.Mark mark) {
        if (mark == null) {
            return false;
        }
        String[] lines = yaml.split("\\R", -1);
        String line = mark.getLine() < lines.length ? lines[mark.getLine()] : "";
        return line.contains("${") && (line.contains("{ ") || line.matches(".*[\\[{][^\"']*\\$\\{.*"));
    }

    private Node fromYaml(org.yaml.snakeyaml.nodes.Node node, String path, int depth) {
        Mark mark = mark(node);
        source.recordValue(path, mark);
        if (depth > MAX_DEPTH) {
            problems.atValue(
                    path,
                    Problem.of("the configuration nests too deeply")
                            .because("it is more than %d levels deep, or an alias refers to itself", MAX_DEPTH)
                            .fix("flatten this part of the file"));
            return ScalarNode.failed(mark);
        }
        if (node instanceof MappingNode map) {
            return new MapNode(mark, yamlEntries(map, path, depth));
        }
        if (node instanceof SequenceNode seq) {
            List<Node> items = new ArrayList<>();
            for (org.yaml.snakeyaml.nodes.Node child : seq.getValue()) {
                String itemPath = item(path, items.size());
                source.recordKey(itemPath, mark(child));
                items.add(fromYaml(child, itemPath, depth + 1));
            }
            return new ListNode(mark, items);
        }
        org.yaml.snakeyaml.nodes.ScalarNode scalar = (org.yaml.snakeyaml.nodes.ScalarNode) node;
        boolean isNull = Tag.NULL.equals(scalar.getTag()) && scalar.isPlain();
        return scalar(path, mark, isNull ? null : scalar.getValue());
    }

    /** Entries of a YAML mapping, with merge keys ({@code <<: *defaults}) applied under explicit keys. */
    private Map<String, Entry> yamlEntries(MappingNode map, String path, int depth) {
        Map<String, Entry> merged = new LinkedHashMap<>();
        Map<String, Entry> explicit = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            org.yaml.snakeyaml.nodes.Node keyNode = tuple.getKeyNode();
            if (Tag.MERGE.equals(keyNode.getTag())) {
                org.yaml.snakeyaml.nodes.Node value = tuple.getValueNode();
                List<org.yaml.snakeyaml.nodes.Node> sources =
                        value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
                for (org.yaml.snakeyaml.nodes.Node mergedMap : sources) {
                    if (fromYaml(mergedMap, path, depth + 1) instanceof MapNode m) {
                        m.entries().forEach(merged::putIfAbsent);
                    }
                }
                continue;
            }
            Mark keyMark = mark(keyNode);
            if (!(keyNode instanceof org.yaml.snakeyaml.nodes.ScalarNode key)
                    || key.getValue().isEmpty()) {
                problems.atMark(
                        keyMark,
                        Problem.of("a key in `%s` is not a plain name", path.isEmpty() ? "the top level" : path)
                                .because("keys must be single words such as `format`, not lists, mappings or empty")
                                .fix("write the key as a plain word followed by `: `"));
                continue;
            }
            String name = key.getValue();
            String keyPath = child(path, name);
            Entry previous = explicit.get(name);
            if (previous != null) {
                problems.atMark(
                        keyMark,
                        Problem.of("duplicate key `%s` (%s)", name, keyPath)
                                .because(
                                        "it is already set at line %d",
                                        previous.keyMark().line())
                                .fix("remove one of the two `%s:` lines", name));
                continue;
            }
            source.recordKey(keyPath, keyMark);
            explicit.put(name, new Entry(name, keyMark, fromYaml(tuple.getValueNode(), keyPath, depth + 1)));
        }
        merged.putAll(explicit);
        return merged;
    }

    private static Mark mark(org.yaml.snakeyaml.nodes.Node node) {
        org.yaml.snakeyaml.error.Mark start = node.getStartMark();
        return start == null ? null : new Mark(start.getLine() + 1, start.getColumn() + 1);
    }

    /** The tree of a map built in code (e.g. a Spring property tree); lists may be maps keyed 0..n-1. */
    Node fromMap(Object value, String path, int depth) {
        if (depth > MAX_DEPTH) {
            problems.atKey(
                    path,
                    Problem.of("the configuration nests too deeply")
                            .because("it is more than %d levels deep, or refers to itself", MAX_DEPTH)
                            .fix("flatten this part of the configuration"));
            return ScalarNode.failed(null);
        }
        if (value instanceof Map<?, ?> map && !isIndexed(map)) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String name = String.valueOf(k);
                entries.put(name, new Entry(name, null, fromMap(v, child(path, name), depth + 1)));
            });
            return new MapNode(null, entries);
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Object[]) {
            List<Node> items = new ArrayList<>();
            for (Object item : asList(value)) {
                items.add(fromMap(item, item(path, items.size()), depth + 1));
            }
            return new ListNode(null, items);
        }
        return scalar(path, null, value == null ? null : String.valueOf(value));
    }

    private Node scalar(String path, Mark mark, String text) {
        Placeholders.Result resolved = placeholders.resolve(text);
        resolved.problem().ifPresent(p -> problems.atValue(path, p));
        return resolved.problem().isPresent() ? ScalarNode.failed(mark) : new ScalarNode(mark, resolved.text());
    }

    /** Spring binds YAML lists into maps keyed "0", "1", ...: read those as lists. */
    private static boolean isIndexed(Map<?, ?> map) {
        if (map.isEmpty()) {
            return false;
        }
        for (int i = 0; i < map.size(); i++) {
            if (!map.containsKey(String.valueOf(i)) && !map.containsKey(i)) {
                return false;
            }
        }
        return true;
    }

    private static List<?> asList(Object value) {
        if (value instanceof Object[] array) {
            return Arrays.asList(array);
        }
        if (value instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        Map<?, ?> indexed = (Map<?, ?>) value;
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < indexed.size(); i++) {
            items.add(indexed.containsKey(String.valueOf(i)) ? indexed.get(String.valueOf(i)) : indexed.get(i));
        }
        return items;
    }
}
