package io.deltabridge.core.config;

import io.deltabridge.core.config.Node.Entry;
import io.deltabridge.core.config.Node.ListNode;
import io.deltabridge.core.config.Node.MapNode;
import io.deltabridge.core.config.Node.ScalarNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The type of a configuration option: how its YAML is read, how it is described in errors
 * and in the reference, and how a value is printed back.
 *
 * @param <T> the Java type of the value
 */
public final class ValueType<T> {

    /** How a node is read; throws {@link BadValue} when it does not fit. */
    interface Reader<T> {
        T read(Node node);
    }

    private final String name;
    private final String description;
    private final List<String> allowedValues;
    private final Reader<T> reader;
    private final Function<T, String> renderer;

    private ValueType(
            String name,
            String description,
            List<String> allowedValues,
            Reader<T> reader,
            Function<T, String> renderer) {
        this.name = name;
        this.description = description;
        this.allowedValues = List.copyOf(allowedValues);
        this.reader = reader;
        this.renderer = renderer;
    }

    /** Short name for the reference: {@code string}, {@code size}, {@code list of string}. */
    public String name() {
        return name;
    }

    /** What a valid value looks like, e.g. "a duration with a unit: `500ms`, `1s`, `5m`". */
    public String description() {
        return description;
    }

    /** The values an enumeration accepts, in lower case; empty for other types. */
    public List<String> allowedValues() {
        return allowedValues;
    }

    /** The value as it would be written in YAML (a size as {@code 128MiB}, an enum in lower case). */
    public String render(T value) {
        return renderer.apply(value);
    }

    T read(Node node) {
        return reader.read(node);
    }

    /**
     * A value that does not fit its type. {@code shownValue} is the text written, or null when it
     * is not a scalar; {@code subPath} locates the bad part inside the value ({@code [2]}).
     * {@code alreadyReported}: the part could not be read at all (an unset variable), and that
     * error has been reported.
     */
    static final class BadValue extends RuntimeException {
        final String detail;
        final String shownValue;
        final String subPath;
        final boolean alreadyReported;

        private BadValue(String detail, String shownValue, String subPath, boolean alreadyReported) {
            super(detail, null, false, false);
            this.detail = detail;
            this.shownValue = shownValue;
            this.subPath = subPath;
            this.alreadyReported = alreadyReported;
        }

        BadValue(String detail, String shownValue, String subPath) {
            this(detail, shownValue, subPath, false);
        }

        BadValue(String detail, String shownValue) {
            this(detail, shownValue, "", false);
        }

        BadValue reported() {
            return new BadValue(detail, shownValue, subPath, true);
        }
    }

    // ---------------------------------------------------------------- scalar types

    private static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern TOPIC_PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final Pattern SIZE_PATTERN = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]*)");
    private static final Pattern DURATION_PATTERN = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);
    private static final Map<String, Long> SIZE_UNITS = sizeUnits();

    public static final ValueType<String> STRING =
            scalar("string", "a non-empty string", text -> text, Function.identity());

    public static final ValueType<String> NAME = scalar(
            "name",
            "a name of letters, digits, `.`, `_` and `-`, starting with a letter or digit",
            text -> {
                if (!NAME_PATTERN.matcher(text).matches()) {
                    throw new BadValue(
                            "it may contain only letters, digits, `.`, `_` and `-` and must start with a letter or digit",
                            text);
                }
                return text;
            },
            Function.identity());

    public static final ValueType<String> TOPIC = scalar(
            "topic",
            "a Kafka topic name (letters, digits, `.`, `_`, `-`; at most 249 characters)",
            text -> {
                if (!TOPIC_PATTERN.matcher(text).matches() || text.equals(".") || text.equals("..")) {
                    throw new BadValue(
                            "Kafka topic names contain only letters, digits, `.`, `_` and `-`, at most 249", text);
                }
                return text;
            },
            Function.identity());

    public static final ValueType<Boolean> BOOLEAN = scalar(
            "boolean",
            "`true` or `false`",
            text -> switch (text.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new BadValue(null, text);
            },
            String::valueOf);

    public static final ValueType<Long> POSITIVE_LONG = scalar(
            "long",
            "a positive whole number",
            text -> {
                long value;
                try {
                    value = Long.parseLong(text.replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new BadValue(null, text);
                }
                if (value <= 0) {
                    throw new BadValue("it must be at least 1", text);
                }
                return value;
            },
            String::valueOf);

    public static final ValueType<Long> SIZE = scalar(
            "size",
            "a size in bytes with an optional unit B, KB, MB, GB, KiB, MiB, GiB (`128MiB`, `64MB`, `1024`)",
            ValueType::parseSize,
            ValueType::renderSize);

    public static final ValueType<Duration> DURATION = scalar(
            "duration",
            "a duration with a unit ms, s, m, h or d (`500ms`, `1s`, `30s`, `5m`)",
            ValueType::parseDuration,
            ValueType::renderDuration);

    public static final ValueType<StartingVersion> STARTING_VERSION = scalar(
            "starting-version",
            "`earliest`, `latest`, a table version (`42`) or an ISO-8601 timestamp (`2024-05-01T00:00:00Z`)",
            ValueType::parseStartingVersion,
            ValueType::renderStartingVersion);

    /** An enumeration written in lower case with hyphens: {@code DEAD_LETTER} is {@code dead-letter}. */
    public static <E extends Enum<E>> ValueType<E> enumeration(Class<E> type) {
        List<String> names =
                Arrays.stream(type.getEnumConstants()).map(ValueType::enumName).toList();
        return new ValueType<>(
                "enum",
                "one of " + names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", ")),
                names,
                scalarReader(text -> {
                    for (E constant : type.getEnumConstants()) {
                        if (enumName(constant).equalsIgnoreCase(text)) {
                            return constant;
                        }
                    }
                    throw new BadValue(null, text);
                }),
                ValueType::enumName);
    }

    static String enumName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    // ---------------------------------------------------------------- structured types

    /** A YAML list of {@code element}; a single value is read as a list of one. */
    public static <T> ValueType<List<T>> listOf(ValueType<T> element) {
        String elements = element == STRING
                ? "strings"
                : element.allowedValues.isEmpty()
                        ? element.name + "s"
                        : "values among "
                                + element.allowedValues.stream()
                                        .map(v -> "`" + v + "`")
                                        .collect(Collectors.joining(", "));
        String description = "a list of " + elements + " (`[a, b]`; a single value is a list of one)";
        return new ValueType<>(
                "list of " + element.name,
                description,
                element.allowedValues,
                node -> {
                    List<Node> items = node instanceof ListNode list ? list.items() : List.of(node);
                    List<T> values = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        Node item = items.get(i);
                        String subPath = node instanceof ListNode ? "[" + i + "]" : "";
                        if (!(item instanceof ScalarNode)) {
                            throw new BadValue(
                                    "entry " + subPath + " is " + Node.shape(item) + ", not a single value",
                                    null,
                                    subPath);
                        }
                        try {
                            values.add(element.read(item));
                        } catch (BadValue e) {
                            BadValue located = new BadValue(e.detail, e.shownValue, subPath + e.subPath);
                            throw e.alreadyReported ? located.reported() : located;
                        }
                    }
                    return values;
                },
                values -> values.stream().map(element::render).collect(Collectors.joining(", ", "[", "]")));
    }

    /**
     * Properties handed verbatim to a client: any keys; scalar values become strings, lists
     * become comma-separated strings and nested mappings dotted keys ({@code ssl: {truststore.type: PEM}}
     * is {@code ssl.truststore.type}).
     */
    public static final ValueType<Map<String, String>> PROPERTIES = new ValueType<>(
            "map",
            "a mapping of property names to values",
            List.of(),
            node -> {
                if (!(node instanceof MapNode map)) {
                    throw new BadValue(null, null);
                }
                Map<String, String> out = new LinkedHashMap<>();
                flatten("", map, out);
                return out;
            },
            map -> map.toString());

    /** A mapping of the options listed under it in {@link ConfigOptions}. */
    static final ValueType<MapNode> SECTION = new ValueType<>(
            "section",
            "a mapping of the keys listed below it",
            List.of(),
            node -> {
                if (!(node instanceof MapNode map)) {
                    throw new BadValue(null, null);
                }
                return map;
            },
            map -> "{...}");

    /** A list of sections ({@code mappings}). */
    static final ValueType<List<MapNode>> SECTION_LIST = new ValueType<>(
            "list of sections",
            "a list of mappings, each starting with `- name:`",
            List.of(),
            node -> {
                if (!(node instanceof ListNode list)) {
                    throw new BadValue(null, null);
                }
                List<MapNode> sections = new ArrayList<>();
                for (int i = 0; i < list.items().size(); i++) {
                    if (!(list.items().get(i) instanceof MapNode map)) {
                        throw new BadValue(
                                "each entry must be a mapping of keys (`- name: ...`), not "
                                        + Node.shape(list.items().get(i)),
                                null,
                                "[" + i + "]");
                    }
                    sections.add(map);
                }
                return sections;
            },
            list -> "[...]");

    // ---------------------------------------------------------------- helpers

    private static <T> ValueType<T> scalar(
            String name, String description, Function<String, T> parse, Function<T, String> render) {
        return new ValueType<>(name, description, List.of(), scalarReader(parse), render);
    }

    private static <T> Reader<T> scalarReader(Function<String, T> parse) {
        return node -> {
            if (!(node instanceof ScalarNode scalar)) {
                throw new BadValue(null, null);
            }
            if (scalar.failed()) {
                throw new BadValue(null, null).reported();
            }
            if (scalar.text() == null || scalar.text().isBlank()) {
                throw new BadValue("it is empty", scalar.text() == null ? null : "");
            }
            return parse.apply(scalar.text().strip());
        };
    }

    private static void flatten(String prefix, MapNode map, Map<String, String> out) {
        for (Entry entry : map.entries().values()) {
            String key = prefix + entry.key();
            Node value = entry.value();
            if (value instanceof MapNode nested) {
                flatten(key + ".", nested, out);
            } else if (value instanceof ListNode list) {
                List<String> parts = new ArrayList<>();
                for (Node item : list.items()) {
                    if (!(item instanceof ScalarNode s) || s.text() == null) {
                        throw new BadValue("a list under a property may hold only single values", null, "." + key);
                    }
                    parts.add(s.text());
                }
                out.put(key, String.join(",", parts));
            } else {
                ScalarNode scalar = (ScalarNode) value;
                if (scalar.failed()) {
                    throw new BadValue(null, null, "." + key).reported();
                }
                if (scalar.text() == null) {
                    throw new BadValue("property `" + key + "` has no value", null, "." + key);
                }
                out.put(key, scalar.text());
            }
        }
    }

    private static Map<String, Long> sizeUnits() {
        Map<String, Long> units = new LinkedHashMap<>();
        units.put("", 1L);
        units.put("b", 1L);
        units.put("kb", 1_000L);
        units.put("mb", 1_000_000L);
        units.put("gb", 1_000_000_000L);
        units.put("kib", 1L << 10);
        units.put("mib", 1L << 20);
        units.put("gib", 1L << 30);
        return units;
    }

    private static long parseSize(String text) {
        Matcher m = SIZE_PATTERN.matcher(text.replace("_", ""));
        Long unit = m.matches() ? SIZE_UNITS.get(m.group(2).toLowerCase(Locale.ROOT)) : null;
        if (unit == null) {
            throw new BadValue(m.matches() ? "unknown unit `" + m.group(2) + "`" : null, text);
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.signum() <= 0 || bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new BadValue("it must be at least 1 byte", text);
        }
        return bytes.longValue();
    }

    private static String renderSize(long bytes) {
        String[][] units = {
            {"GiB", "1073741824"},
            {"MiB", "1048576"},
            {"KiB", "1024"},
            {"GB", "1000000000"},
            {"MB", "1000000"},
            {"KB", "1000"}
        };
        for (String[] unit : units) {
            long size = Long.parseLong(unit[1]);
            if (bytes % size == 0) {
                return bytes / size + unit[0];
            }
        }
        return String.valueOf(bytes);
    }

    private static Duration parseDuration(String text) {
        Matcher m = DURATION_PATTERN.matcher(text);
        Duration duration;
        if (m.matches()) {
            try {
                long amount = Long.parseLong(m.group(1));
                duration = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
                duration.toMillis(); // every duration is used in milliseconds somewhere
            } catch (NumberFormatException | ArithmeticException e) {
                throw new BadValue("it is too long", text);
            }
        } else if (text.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                duration = Duration.parse(text);
                duration.toMillis();
            } catch (DateTimeParseException e) {
                throw new BadValue(null, text);
            } catch (ArithmeticException e) {
                throw new BadValue("it is too long", text);
            }
        } else {
            throw new BadValue(text.matches("\\d+") ? "it has no unit" : null, text);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new BadValue("it must be longer than zero", text);
        }
        return duration;
    }

    static String renderDuration(Duration duration) {
        long ms = duration.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms % sizes[i] == 0) {
                return ms / sizes[i] + units[i];
            }
        }
        return ms + "ms";
    }

    private static StartingVersion parseStartingVersion(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("earliest")) {
            return new StartingVersion.Earliest();
        }
        if (lower.equals("latest")) {
            return new StartingVersion.Latest();
        }
        if (text.matches("\\d+")) {
            try {
                return new StartingVersion.AtVersion(Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw new BadValue("the version is too large", text);
            }
        }
        return new StartingVersion.AtTimestamp(parseTimestamp(text));
    }

    /** An ISO-8601 timestamp; without an offset it is UTC, a date alone is its midnight UTC. */
    private static Instant parseTimestamp(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            TemporalAccessor parsed =
                    DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime odt
                    ? odt.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new BadValue(null, text);
        }
    }

    private static String renderStartingVersion(StartingVersion version) {
        if (version instanceof StartingVersion.AtVersion v) {
            return String.valueOf(v.version());
        }
        if (version instanceof StartingVersion.AtTimestamp t) {
            return t.timestamp().toString();
        }
        return version instanceof StartingVersion.Latest ? "latest" : "earliest";
    }
}
