package io.deltabridge.core.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which configuration values are secrets, and how they are hidden: a secret never appears in
 * logs, errors or printed configurations (SPEC §2), it prints as {@value #MASK}.
 */
public final class Secrets {
    public static final String MASK = "****";

    private static final Set<String> SECRET_KEYS = Set.of(
            "sasl.jaas.config", "basic-auth",
            // Confluent registry client's "user:password", and a PEM private key given inline
            "basic.auth.user.info", "ssl.keystore.key");
    private static final Pattern SECRET_PATTERN =
            Pattern.compile(".*(password|secret|token|\\.jaas\\.config|account\\.key).*");
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@");
    private static final Pattern URL_USER_INFO = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://([^/@]*)@");
    /** A JAAS option holding a credential, e.g. {@code password="..."}, {@code clientSecret="..."}: a client may quote it alone. */
    private static final Pattern JAAS_PASSWORD =
            Pattern.compile("(?i)\\w*(?:password|secret|token)\\w*\\s*=\\s*\"([^\"]*)\"");
    /** Shorter values are not scrubbed from free text: they would mask ordinary words. */
    private static final int MIN_SCRUBBED_LENGTH = 4;
    /** Every secret of every configuration this JVM loaded, longest first (see {@link #remember}). */
    private static volatile List<String> remembered = List.of();

    private Secrets() {}

    /**
     * Whether the value of this key is a secret: {@code sasl.jaas.config}, {@code basic-auth},
     * any key containing {@code password} (so {@code ssl.*password}), {@code secret} or
     * {@code token}, and a few more credentials ({@code basic.auth.user.info},
     * {@code ssl.keystore.key}, {@code *.jaas.config}, Azure {@code *account.key*}).
     */
    public static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_KEYS.contains(lower) || SECRET_PATTERN.matcher(lower).matches();
    }

    /** A URL with its user info masked: {@code https://user:pw@host/} → {@code https://****@host/}. */
    public static String redactUrl(String url) {
        return url == null ? null : USER_INFO.matcher(url).replaceFirst("$1" + MASK + "@");
    }

    /** A copy of {@code properties}, in the same order, with every secret value replaced by {@value #MASK}. */
    public static Map<String, String> redact(Map<String, String> properties) {
        Map<String, String> out = new LinkedHashMap<>();
        properties.forEach((k, v) -> out.put(k, isSecret(k) ? MASK : v));
        return out;
    }

    /**
     * {@code text} with every secret value of {@code config} replaced by {@value #MASK}: for
     * messages of third-party exceptions (a Kafka client may quote a property it rejects).
     */
    public static String scrub(String text, BridgeConfig config) {
        return mask(text, secretValues(config));
    }

    /**
     * Remembers the secret values of {@code config} so that {@link #maskRemembered} hides them in any
     * text, e.g. every log line (a third-party library may print a setting, a URL or a message that
     * quotes one): called for each configuration loaded or given to a bridge.
     */
    public static synchronized void remember(BridgeConfig config) {
        List<String> all = new ArrayList<>(remembered);
        all.addAll(secretValues(config));
        remembered = longestFirst(all);
    }

    /** {@code text} with every {@linkplain #remember remembered} secret replaced by {@value #MASK}. */
    public static String maskRemembered(String text) {
        return mask(text, remembered);
    }

    /** The secret values of a configuration, longest first so that a secret containing another is masked whole. */
    static List<String> secretValues(BridgeConfig config) {
        List<String> values = new ArrayList<>();
        List<Map<String, String>> maps = new ArrayList<>(List.of(config.kafka(), config.delta()));
        List<ClientOverrides> clients = new ArrayList<>(config.mappingClients().values());
        clients.add(config.clients());
        for (ClientOverrides overrides : clients) {
            for (ClientRole role : ClientRole.values()) {
                maps.add(overrides.get(role));
            }
        }
        config.schemaRegistry().ifPresent(r -> {
            r.basicAuth().ifPresent(auth -> addWithPassword(values, auth));
            maps.add(r.properties());
            var userInfo = URL_USER_INFO.matcher(r.url());
            if (userInfo.find()) {
                addWithPassword(values, userInfo.group(1));
            }
        });
        config.openLineage().ifPresent(ol -> {
            ol.apiKey().ifPresent(values::add);
            ol.url()
                    .map(URL_USER_INFO::matcher)
                    .filter(java.util.regex.Matcher::find)
                    .ifPresent(m -> addWithPassword(values, m.group(1)));
        });
        for (Map<String, String> map : maps) {
            map.forEach((k, v) -> {
                if (isSecret(k)) {
                    values.add(v);
                    JAAS_PASSWORD.matcher(v).results().forEach(m -> values.add(m.group(1)));
                }
            });
        }
        return longestFirst(values);
    }

    /** {@code user:password}, its HTTP basic-auth form, and the password alone: it may be quoted too. */
    private static void addWithPassword(List<String> values, String userInfo) {
        values.add(userInfo);
        values.add(Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        int colon = userInfo.indexOf(':');
        if (colon >= 0) {
            values.add(userInfo.substring(colon + 1));
        }
    }

    private static List<String> longestFirst(List<String> values) {
        return values.stream()
                .filter(v -> v.length() >= MIN_SCRUBBED_LENGTH)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    private static String mask(String text, List<String> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }
}
