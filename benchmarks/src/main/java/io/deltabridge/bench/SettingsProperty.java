package io.deltabridge.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings a measured bridge process takes from a system property, {@code -Dname=key=value,key=value}: what a
 * mapping file would set, varied between runs with {@code --jvm} / {@code --alt-jvm} or the child JVM options.
 */
public final class SettingsProperty {
    private SettingsProperty() {}

    /** The settings of property {@code name} (none if unset), over {@code defaults}. */
    public static Map<String, String> read(String name, Map<String, String> defaults) {
        Map<String, String> settings = new LinkedHashMap<>(defaults);
        for (String setting : System.getProperty(name, "").split(",")) {
            if (!setting.isBlank()) {
                String[] kv = setting.split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("-D" + name + ": expected key=value, got '" + setting + "'");
                }
                settings.put(kv[0].trim(), kv[1].trim());
            }
        }
        return settings;
    }
}
