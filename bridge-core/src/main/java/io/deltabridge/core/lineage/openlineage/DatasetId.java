package io.deltabridge.core.lineage.openlineage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * A dataset's identity after the OpenLineage naming conventions (openlineage.io/docs/spec/naming):
 * a Kafka topic is {@code kafka://{host}:{port}} (the first bootstrap server) and the topic name; a
 * table on a file system or object store is the store ({@code file}, {@code s3://bucket},
 * {@code gs://bucket}, {@code abfss://container@account.dfs.core.windows.net}, {@code hdfs://host:port})
 * and the path in it. Hadoop's scheme variants name the same data, so they take the canonical scheme:
 * {@code s3a}/{@code s3n} → {@code s3}, {@code abfs} → {@code abfss}, {@code wasb} → {@code wasbs}.
 */
public record DatasetId(String namespace, String name) {
    private static final Map<String, String> CANONICAL_SCHEMES =
            Map.of("s3a", "s3", "s3n", "s3", "abfs", "abfss", "wasb", "wasbs", "gcs", "gs");

    /** A Delta table, from its URI as normalised by {@link io.deltabridge.core.delta.TableUris}. */
    public static DatasetId table(String tableUri) {
        URI uri;
        try {
            uri = new URI(tableUri);
        } catch (URISyntaxException e) {
            // TableUris writes local paths as they are ("file:/my lake/t"), which need not be a valid URI
            return new DatasetId(
                    "file", tableUri.startsWith("file:") ? tableUri.substring("file:".length()) : tableUri);
        }
        String scheme = uri.getScheme() == null ? "file" : uri.getScheme().toLowerCase(Locale.ROOT);
        String path = stripTrailingSlash(uri.getPath() == null ? "" : uri.getPath());
        if (scheme.equals("file")) {
            // the local file system: the namespace is the bare scheme and the name the absolute path
            return new DatasetId("file", path.isEmpty() ? "/" : path);
        }
        String namespace = CANONICAL_SCHEMES.getOrDefault(scheme, scheme) + "://" + uri.getRawAuthority();
        String name = path.startsWith("/") ? path.substring(1) : path;
        if (scheme.equals("hdfs")) {
            name = path; // HDFS keeps the absolute path as the name
        }
        return new DatasetId(namespace, name.isEmpty() ? "/" : name);
    }

    /** A topic of the cluster reached through {@code bootstrapServers} (the first of them names it). */
    public static DatasetId topic(String bootstrapServers, String topic) {
        String first = bootstrapServers.split(",")[0].strip();
        int protocol = first.indexOf("://");
        if (protocol >= 0) {
            first = first.substring(protocol + 3); // a listener-style "SASL_SSL://host:9093"
        }
        return new DatasetId("kafka://" + first, topic);
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
