package io.deltabridge.core.config;

import java.util.ArrayList;
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
    private static final Pattern SECRET_PATTERN = Pattern.compile(
            ".*(password|secret|token|\\.jaas\\.config|account\\.key).*");
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@");
    /** Shorter values are not scrubbed from free text: they would mask ordinary words. */
    private static final int MIN_SCRUBBED_LENGTH = 4;

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
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secretValues(config)) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    /** The secret values of a configuration, longest first so that a secret containing another is masked whole. */
    static List<String> secretValues(BridgeConfig config) {
        List<String> values = new ArrayList<>();
        List<Map<String, String>> maps = new ArrayList<>(List.of(config.kafka(), config.delta()));
        config.schemaRegistry().ifPresent(r -> {
            r.basicAuth().ifPresent(auth -> {
                values.add(auth);
                // user:password: the password alone may be quoted too
                int colon = auth.indexOf(':');
                if (colon >= 0) {
                    values.add(auth.substring(colon + 1));
                }
            });
            maps.add(r.properties());
        });
        for (Map<String, String> map : maps) {
            map.forEach((k, v) -> {
                if (isSecret(k)) {
                    values.add(v);
                }
            });
        }
        return values.stream().filter(v -> v.length() >= MIN_SCRUBBED_LENGTH).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }
}
