package io.deltabridge.core.config;

import io.deltabridge.core.error.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Confluent schema registry client keys accepted under {@code schema-registry} beside the short
 * forms (SPEC §8). A key Confluent's clients know but the bridge does not support is an error, never
 * ignored: a silently dropped credential only shows up later as a 401.
 */
public final class RegistryClientKeys {
    public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String USER_INFO = "basic.auth.user.info";
    public static final String BEARER_SOURCE = "bearer.auth.credentials.source";
    public static final String BEARER_TOKEN = "bearer.auth.token";
    /** Confluent Cloud: the registry's logical cluster id, sent as header {@code target-sr-cluster}. */
    public static final String BEARER_LOGICAL_CLUSTER = "bearer.auth.logical.cluster";
    /** Confluent Cloud: the identity pool, sent as header {@code Confluent-Identity-Pool-Id}. */
    public static final String BEARER_IDENTITY_POOL = "bearer.auth.identity.pool.id";

    public static final String AUTO_REGISTER = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String LATEST_COMPATIBILITY_STRICT = "latest.compatibility.strict";
    public static final String KEY_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_STRATEGY = "value.subject.name.strategy";
    /** Confluent's clients also read their settings with this prefix ({@code schema.registry.ssl.truststore.location}). */
    private static final String PREFIX = "schema.registry.";

    private static final Set<String> BOOLEANS = Set.of(AUTO_REGISTER, USE_LATEST_VERSION, LATEST_COMPATIBILITY_STRICT);
    private static final Set<String> BEARER_SUPPORTED =
            Set.of(BEARER_SOURCE, BEARER_TOKEN, BEARER_LOGICAL_CLUSTER, BEARER_IDENTITY_POOL);
    /** Confluent client keys for features the bridge does not have. */
    private static final Set<String> UNSUPPORTED = Set.of(
            "normalize.schemas",
            "use.schema.id",
            "id.compatibility.strict",
            "context.name.strategy",
            "reference.subject.name.strategy",
            "max.schemas.per.subject",
            "proxy.host",
            "proxy.port",
            "latest.cache.ttl.sec",
            "latest.cache.size",
            "use.latest.with.metadata",
            "auto.register.schemas.on.failure");

    private RegistryClientKeys() {}

    /** Whether the boolean setting {@code key} is true; {@code defaultValue} when it is not set. */
    public static boolean flag(Map<String, String> properties, String key, boolean defaultValue) {
        String value = properties.get(key);
        return value == null ? defaultValue : Boolean.parseBoolean(value.strip());
    }

    /** Which schema Avro is written with: Confluent's {@code use.latest.version} and {@code latest.compatibility.strict}. */
    public enum WriterSchema {
        /** The schema derived from the table, registered (or, without auto-registration, looked up) under the subject. */
        DERIVED,
        /** The subject's latest schema, which must be backward compatible with the derived one (it can read what the table gives). */
        LATEST_BACKWARD_COMPATIBLE,
        /** The subject's latest schema, when each of its fields is a column of the table or has a default. */
        LATEST_USABLE
    }

    /** The writer schema the settings ask for. */
    public static WriterSchema writerSchema(Map<String, String> properties) {
        if (!flag(properties, USE_LATEST_VERSION, false)) {
            return WriterSchema.DERIVED;
        }
        return flag(properties, LATEST_COMPATIBILITY_STRICT, true)
                ? WriterSchema.LATEST_BACKWARD_COMPATIBLE
                : WriterSchema.LATEST_USABLE;
    }

    /** The subject name strategy of keys or values; TopicNameStrategy when not set. */
    public static SubjectNameStrategy strategy(Map<String, String> properties, boolean isKey) {
        String value = properties.get(isKey ? KEY_STRATEGY : VALUE_STRATEGY);
        return value == null
                ? SubjectNameStrategy.TOPIC_NAME
                : SubjectNameStrategy.parse(value).orElseThrow();
    }

    /** The registry's settings after checking every Confluent key: {@code basic.auth.*} resolved into {@code basicAuth}. */
    record Resolved(Optional<String> basicAuth, Map<String, String> properties) {}

    /**
     * Checks the Confluent keys among {@code written} (the client properties of the section at
     * {@code path}), recording a problem for each that is wrong or unsupported.
     */
    static Resolved resolve(Optional<String> basicAuth, Map<String, String> written, String path, Problems problems) {
        Map<String, String> properties = new LinkedHashMap<>();
        written.forEach((key, value) -> {
            String bare = key.startsWith(PREFIX) && !key.equals(PREFIX + "url") ? key.substring(PREFIX.length()) : key;
            String before = properties.put(bare, value);
            if (before != null && !before.equals(value)) {
                problems.atKey(
                        ConfigTrees.child(path, key),
                        Problem.of("`%s` and `%s` both set, to different values", key, bare)
                                .because("Confluent's clients read `%s` as `%s`", key, bare)
                                .fix("keep one of them"));
            }
        });
        properties.forEach((key, value) -> checkKey(key, value, path, problems));
        if (flag(properties, USE_LATEST_VERSION, false)
                && !"false"
                        .equalsIgnoreCase(
                                properties.getOrDefault(AUTO_REGISTER, "true").strip())) {
            problems.atKey(
                    ConfigTrees.child(path, USE_LATEST_VERSION),
                    Problem.of("`%s: true` needs `%s: false`", USE_LATEST_VERSION, AUTO_REGISTER)
                            .because(
                                    "Confluent's serializers write with the latest registered schema only when they do not register "
                                            + "schemas (`%s` is true by default), so the setting would be ignored",
                                    AUTO_REGISTER)
                            .fix("add `%s: false`, or remove `%s`", AUTO_REGISTER, USE_LATEST_VERSION));
        }
        Optional<String> credentials = basicCredentials(basicAuth, properties, path, problems);
        properties.keySet().removeIf(k -> k.startsWith("basic.auth."));
        if (credentials.isPresent() && properties.containsKey(BEARER_TOKEN)) {
            problems.atKey(
                    ConfigTrees.child(path, BEARER_TOKEN),
                    Problem.of("both basic and bearer authentication are set")
                            .because("a request carries one `Authorization` header")
                            .fix("keep either `%s` or the basic credentials", BEARER_TOKEN));
        }
        return new Resolved(credentials, properties);
    }

    private static void checkKey(String key, String value, String path, Problems problems) {
        String at = ConfigTrees.child(path, key);
        String upper = value.strip().toUpperCase(Locale.ROOT);
        if (key.equals(PREFIX + "url")) {
            problems.atKey(
                    at,
                    Problem.of("`%s` is written `url` here", key)
                            .because("the registry's address is the `url` key of `schema-registry`")
                            .fix("rename `%s` to `url`", key));
        } else if (UNSUPPORTED.contains(key) || key.startsWith("bearer.auth.") && !BEARER_SUPPORTED.contains(key)) {
            unsupported(
                    problems,
                    at,
                    key,
                    "the bridge does not implement it",
                    "remove it"
                            + (key.startsWith("bearer.auth.")
                                    ? "; for a token use `bearer.auth.credentials.source: STATIC_TOKEN` with `bearer.auth.token`"
                                    : ""));
        } else if (BOOLEANS.contains(key) && !upper.equals("TRUE") && !upper.equals("FALSE")) {
            invalid(problems, at, key, "`true` or `false`", value);
        } else if ((key.equals(KEY_STRATEGY) || key.equals(VALUE_STRATEGY))
                && SubjectNameStrategy.parse(value).isEmpty()) {
            invalid(
                    problems,
                    at,
                    key,
                    List.of(SubjectNameStrategy.values()).stream()
                            .map(s -> "`" + s.className() + "`")
                            .collect(Collectors.joining(", ")),
                    value);
        } else if (key.equals(CREDENTIALS_SOURCE) && upper.equals("SASL_INHERIT")) {
            unsupported(
                    problems,
                    at,
                    key + ": SASL_INHERIT",
                    "the bridge does not hand the Kafka SASL credentials to the registry",
                    "write `%s: USER_INFO` with `%s: <key>:<secret>`".formatted(CREDENTIALS_SOURCE, USER_INFO));
        } else if (key.equals(CREDENTIALS_SOURCE) && !upper.equals("USER_INFO") && !upper.equals("URL")) {
            invalid(problems, at, key, "`USER_INFO` or `URL`", value);
        } else if (key.equals(BEARER_SOURCE) && !upper.equals("STATIC_TOKEN")) {
            unsupported(
                    problems,
                    at,
                    key + ": " + value,
                    "the bridge sends a static token only (no OAuth flow)",
                    "write `%s: STATIC_TOKEN` with `%s: <token>`".formatted(BEARER_SOURCE, BEARER_TOKEN));
        }
    }

    /** The basic credentials from {@code basic-auth} or {@code basic.auth.*}; problems for contradictions. */
    private static Optional<String> basicCredentials(
            Optional<String> basicAuth, Map<String, String> properties, String path, Problems problems) {
        String source = Optional.ofNullable(properties.get(CREDENTIALS_SOURCE))
                .map(s -> s.strip().toUpperCase(Locale.ROOT))
                .orElse(null);
        String userInfo = properties.get(USER_INFO);
        if ("STATIC_TOKEN"
                        .equals(Optional.ofNullable(properties.get(BEARER_SOURCE))
                                .map(s -> s.strip().toUpperCase(Locale.ROOT))
                                .orElse(null))
                && !properties.containsKey(BEARER_TOKEN)) {
            problems.atKey(
                    ConfigTrees.child(path, BEARER_SOURCE),
                    Problem.of("`%s: STATIC_TOKEN` without `%s`", BEARER_SOURCE, BEARER_TOKEN)
                            .because("the static token is the credential sent")
                            .fix("add `%s: ${SR_TOKEN}`", BEARER_TOKEN));
        }
        if (userInfo != null && basicAuth.isPresent()) {
            problems.atKey(
                    ConfigTrees.child(path, USER_INFO),
                    Problem.of("both `basic-auth` and `%s` are set", USER_INFO)
                            .because("they are two ways of writing the same credentials")
                            .fix("keep one of them"));
            return basicAuth;
        }
        if ("URL".equals(source) && userInfo != null) {
            problems.atKey(
                    ConfigTrees.child(path, USER_INFO),
                    Problem.of("`%s` is set but `%s` is `URL`", USER_INFO, CREDENTIALS_SOURCE)
                            .because(
                                    "with source `URL` the credentials are the user info of `url`, and `%s` would be ignored",
                                    USER_INFO)
                            .fix("write `%s: USER_INFO`, or remove `%s`", CREDENTIALS_SOURCE, USER_INFO));
        }
        if ("USER_INFO".equals(source) && userInfo == null) {
            problems.atKey(
                    ConfigTrees.child(path, CREDENTIALS_SOURCE),
                    Problem.of("`%s: USER_INFO` without `%s`", CREDENTIALS_SOURCE, USER_INFO)
                            .because("the credentials come from `%s`", USER_INFO)
                            .fix("add `%s: ${SR_KEY}:${SR_SECRET}`", USER_INFO));
        }
        if (userInfo != null && !userInfo.contains(":")) {
            problems.atValue(
                    ConfigTrees.child(path, USER_INFO),
                    Problem.of("invalid value for `%s`", USER_INFO)
                            .because(
                                    "expected `<user>:<password>`, got a value without `:` (not shown: it is a secret)")
                            .fix(
                                    "write `%s: <user>:<password>` (Confluent Cloud: `<API key>:<API secret>`)",
                                    USER_INFO));
        }
        return "URL".equals(source) ? basicAuth : basicAuth.or(() -> Optional.ofNullable(userInfo));
    }

    private static void unsupported(Problems problems, String at, String what, String because, String fix) {
        problems.atKey(
                at,
                Problem.of("`%s` is a Confluent registry client setting that the bridge does not support", what)
                        .because("%s", because)
                        .fix("%s", fix));
    }

    private static void invalid(Problems problems, String at, String key, String expected, String value) {
        problems.atValue(
                at,
                Problem.of("invalid value for `%s`", key)
                        .because("expected %s, got `%s`", expected, value)
                        .fix("write one of %s", expected));
    }
}
