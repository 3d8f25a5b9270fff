package io.deltabridge.core.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The definition of one option of the mapping file: validation, defaults and the reference
 * documentation (the README's configuration reference) are all derived from these definitions, listed
 * in {@link ConfigOptions}.
 *
 * @param path               dotted path with {@code []} for list entries: {@code mappings[].flush.max-bytes}
 * @param type               how the value is read and printed
 * @param scope              the kind of mapping the option applies to
 * @param required           whether the option must be set (within its section, when the section is set)
 * @param defaultValue       the value when not set; null when there is none or it is derived
 * @param defaultDescription the default as documented (a literal, or a rule such as "same as `format`"); null if none
 * @param secret             the value is never shown in errors, logs or printed configurations
 * @param doc                what the option means, in markdown
 * @param <T>                the Java type of the value
 */
public record ConfigOption<T>(
        String path,
        ValueType<T> type,
        Scope scope,
        boolean required,
        T defaultValue,
        String defaultDescription,
        boolean secret,
        String doc) {

    /** Which part of the configuration an option belongs to. */
    public enum Scope {
        BRIDGE("the whole bridge"),
        ANY_MAPPING("every mapping"),
        DELTA_TO_KAFKA("delta → kafka mappings"),
        KAFKA_TO_DELTA("kafka → delta mappings");

        private final String description;

        Scope(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public ConfigOption {
        Objects.requireNonNull(path);
        Objects.requireNonNull(type);
        Objects.requireNonNull(scope);
    }

    static <T> ConfigOption<T> of(String path, ValueType<T> type, Scope scope) {
        return new ConfigOption<>(path, type, scope, false, null, null, false, "");
    }

    ConfigOption<T> asRequired() {
        return new ConfigOption<>(path, type, scope, true, defaultValue, defaultDescription, secret, doc);
    }

    ConfigOption<T> withDefault(T value) {
        return new ConfigOption<>(path, type, scope, required, value, "`" + type.render(value) + "`", secret, doc);
    }

    /** A default that depends on other options; the binder applies it. */
    ConfigOption<T> withDefaultRule(String description) {
        return new ConfigOption<>(path, type, scope, required, defaultValue, description, secret, doc);
    }

    ConfigOption<T> asSecret() {
        return new ConfigOption<>(path, type, scope, required, defaultValue, defaultDescription, true, doc);
    }

    ConfigOption<T> withDoc(String text) {
        return new ConfigOption<>(path, type, scope, required, defaultValue, defaultDescription, secret, text);
    }

    /** The key as written in YAML: the last segment of the path ({@code max-bytes}). */
    public String key() {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** The path of the enclosing section ({@code mappings[].flush}), or "" at the top level. */
    public String parentPath() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    public Optional<T> defaultIfAny() {
        return Optional.ofNullable(defaultValue);
    }

    @Override
    public String toString() {
        return path;
    }
}
