package io.deltabridge.core.config;

import io.deltabridge.core.config.ConfigOption.Scope;
import io.deltabridge.core.config.Node.Entry;
import io.deltabridge.core.config.Node.MapNode;
import io.deltabridge.core.config.Node.ScalarNode;
import io.deltabridge.core.config.ValueType.BadValue;
import io.deltabridge.core.error.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One mapping of the tree (the top level, {@code schema-registry}, a mapping, its {@code to}...)
 * read through the {@link ConfigOptions} defined for it. Reading never throws: a bad or missing
 * value is recorded in {@link Problems} and read as absent, so that one pass finds every error.
 */
final class Section {
    private static final Pattern SENTENCE_END = Pattern.compile("\\.\\s+(?=[A-Z])");
    private final MapNode node;
    private final String path;
    private final String pattern;
    private final Problems problems;
    private final boolean present;

    Section(MapNode node, String path, Problems problems) {
        this(node, path, problems, true);
    }

    private Section(MapNode node, String path, Problems problems, boolean present) {
        this.node = node;
        this.path = path;
        this.pattern = ConfigOptions.pattern(path);
        this.problems = problems;
        this.present = present;
    }

    /** Whether the section is written as a mapping (not absent, not invalid). */
    boolean isPresent() {
        return present;
    }

    String path() {
        return path;
    }

    String pathOf(ConfigOption<?> option) {
        return ConfigTrees.child(path, option.key());
    }

    /** Whether the option is written with a value (an empty {@code key:} is not a value). */
    boolean has(ConfigOption<?> option) {
        Entry entry = node.get(option.key());
        return entry != null && !(entry.value() instanceof ScalarNode s && s.isNull());
    }

    /**
     * The option's value; its default when it is not written. Empty when it is neither written
     * nor has a default, and when it is invalid or missing though required (both recorded).
     */
    <T> Optional<T> find(ConfigOption<T> option) {
        if (!has(option)) {
            if (option.required()) {
                missing(option);
            }
            return option.defaultIfAny();
        }
        Node value = node.get(option.key()).value();
        try {
            return Optional.of(option.type().read(value));
        } catch (BadValue e) {
            if (!e.alreadyReported) {
                invalid(option, value, e);
            }
            return Optional.empty();
        }
    }

    /** {@link #find}, or null. */
    <T> T get(ConfigOption<T> option) {
        return find(option).orElse(null);
    }

    /** A sub-section; an empty one, not {@link #isPresent() present}, when it is not written or not a mapping. */
    Section section(ConfigOption<MapNode> option) {
        Optional<MapNode> map = find(option);
        return new Section(map.orElseGet(() -> new MapNode(null, Map.of())), pathOf(option), problems, map.isPresent());
    }

    /** The entries of a list of sections ({@code mappings}). */
    List<Section> sections(ConfigOption<List<MapNode>> option) {
        List<Section> out = new ArrayList<>();
        List<MapNode> nodes = find(option).orElse(List.of());
        for (int i = 0; i < nodes.size(); i++) {
            out.add(new Section(nodes.get(i), ConfigTrees.item(pathOf(option), i), problems));
        }
        return out;
    }

    /** The entries of this section that are not options of it. */
    MapNode extraEntries() {
        Map<String, Entry> extra = new LinkedHashMap<>();
        node.entries().forEach((key, entry) -> {
            if (ConfigOptions.find(ConfigTrees.child(pattern, key)).isEmpty()) {
                extra.put(key, entry);
            }
        });
        return new MapNode(node.mark(), extra);
    }

    /**
     * Records every key that is not an option of this section (with the nearest known key as a
     * suggestion), and, in a mapping of a known direction, every option of the other direction.
     */
    void checkKeys(Scope direction, String mappingName) {
        List<ConfigOption<?>> known = ConfigOptions.children(pattern);
        for (String key : node.entries().keySet()) {
            String keyPath = ConfigTrees.child(path, key);
            Optional<ConfigOption<?>> option = ConfigOptions.find(ConfigTrees.child(pattern, key));
            if (option.isEmpty()) {
                if (!ConfigOptions.isPassThrough(pattern, key)) {
                    unknown(key, keyPath, known);
                }
            } else if (direction != null && !ConfigOptions.applies(option.get().scope(), direction)) {
                problems.atKey(
                        keyPath,
                        Problem.of("`%s` does not apply to mapping `%s`", key, mappingName)
                                .because(
                                        "it is an option of %s, and this mapping is one of %s",
                                        option.get().scope().description(), direction.description())
                                .fix("remove `%s` from this mapping", key));
            }
        }
    }

    private void unknown(String key, String keyPath, List<ConfigOption<?>> known) {
        List<String> names = known.stream().map(ConfigOption::key).toList();
        String where = path.isEmpty() ? "at the top level" : "in `" + pattern + "`";
        Optional<String> suggestion = Suggestions.closest(key, names);
        Problem problem = Problem.of("unknown key `%s` %s", key, where);
        Optional<ConfigOption<?>> elsewhere = ConfigOptions.all().stream()
                .filter(o -> o.key().equals(key) && o.parentPath().startsWith(pattern.isEmpty() ? "" : pattern + "."))
                .findFirst();
        if (suggestion.isEmpty() && elsewhere.isPresent()) {
            String section = elsewhere.get().parentPath().substring(pattern.isEmpty() ? 0 : pattern.length() + 1);
            problems.atKey(
                    keyPath,
                    problem.because("`%s` belongs under `%s`", key, section).fix("move `%s` into `%s:`", key, section));
            return;
        }
        String allowed = names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
        if (ConfigOptions.REGISTRY_SECTION.equals(pattern)) {
            allowed += ", or a registry client property containing a dot";
        }
        problems.atKey(
                keyPath,
                suggestion.isPresent()
                        ? problem.because("did you mean `%s`?", suggestion.get())
                                .fix("rename `%s` to `%s` (the keys here are %s)", key, suggestion.get(), allowed)
                        : problem.because("it is not an option here")
                                .fix(
                                        "remove it or use one of %s (see the configuration reference in README.md)",
                                        allowed));
    }

    /** Reports {@code option} as missing here (for options required only under conditions the binder checks). */
    void missing(ConfigOption<?> option) {
        String where = path.isEmpty() ? "at the top level" : "in `" + path + "`";
        problems.atKey(
                path,
                Problem.of("missing required key `%s` %s", option.key(), where)
                        .because("it is required: %s", firstSentence(option.doc()))
                        .fix("add `%s:` with %s", option.key(), expected(option)));
    }

    private void invalid(ConfigOption<?> option, Node value, BadValue bad) {
        String key = option.key();
        boolean secret = option.secret() || Secrets.isSecret(key);
        String got;
        if (bad.shownValue == null) {
            got = bad.subPath.isEmpty() ? Node.shape(value) : "an invalid entry";
        } else if (secret) {
            got = "a value that is not shown because `" + key + "` is a secret";
        } else {
            got = "`" + bad.shownValue + "`";
        }
        String detail = bad.detail == null ? "" : ": " + bad.detail;
        Problem problem = Problem.of("invalid value for `%s`", key)
                .because("expected %s, got %s%s", expected(option), got, detail);
        List<String> allowed = option.type().allowedValues();
        Optional<String> suggestion =
                secret || bad.shownValue == null ? Optional.empty() : Suggestions.closest(bad.shownValue, allowed);
        if (suggestion.isPresent() && !bad.subPath.isEmpty()) {
            problem = problem.fix(
                    "did you mean `%s`? the values are %s",
                    suggestion.get(), allowed.stream().map(v -> "`" + v + "`").collect(Collectors.joining(", ")));
        } else if (suggestion.isPresent()) {
            problem = problem.fix("did you mean `%s`? write `%s: %s`", suggestion.get(), key, suggestion.get());
        } else if (option.defaultValue() != null && !(option.defaultValue() instanceof Map<?, ?>)) {
            problem = problem.fix(
                    "write %s, e.g. `%s: %s` (the default)",
                    expected(option), key, render(option, option.defaultValue()));
        } else {
            problem = problem.fix("write %s", expected(option));
        }
        problems.atValue(pathOf(option) + bad.subPath, problem);
    }

    @SuppressWarnings("unchecked")
    private static <T> String render(ConfigOption<T> option, Object value) {
        return option.type().render((T) value);
    }

    /** What a valid value looks like; for a section, its keys. */
    private static String expected(ConfigOption<?> option) {
        if (option.type() == ValueType.SECTION) {
            return "a mapping with the keys "
                    + ConfigOptions.children(option.path()).stream()
                            .map(o -> "`" + o.key() + "`")
                            .collect(Collectors.joining(", "));
        }
        return option.type().description();
    }

    /** The first sentence of a doc text, without its full stop and starting in lower case. */
    static String firstSentence(String doc) {
        Matcher end = SENTENCE_END.matcher(doc);
        String sentence = end.find() ? doc.substring(0, end.start()) : doc;
        if (sentence.endsWith(".")) {
            sentence = sentence.substring(0, sentence.length() - 1);
        }
        return sentence.isEmpty() ? sentence : Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
