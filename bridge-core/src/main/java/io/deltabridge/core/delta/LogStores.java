package io.deltabridge.core.delta;

import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.config.MappingConfig;
import io.deltabridge.core.error.Problem;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which Delta log store commits to a table, and whether it keeps writers of different processes
 * apart. Delta's optimistic protocol loses no commit only if creating {@code _delta_log/N.json}
 * fails when another writer created it first; a store that guards this only inside one JVM (Kernel's
 * {@code S3SingleDriverLogStore}, or a store whose guarantee is unknown) is safe for one writer only,
 * and nothing the bridge could check beforehand (a lock file is a check-then-act across processes)
 * would make it safe: the mapping has to declare that it is the table's only writer.
 */
public final class LogStores {
    private static final Set<String> S3_SCHEMES = Set.of("s3", "s3a", "s3n");
    private static final Set<String> AZURE_SCHEMES = Set.of("abfs", "abfss", "wasb", "wasbs", "adl");

    /** Stores that make the creation of N.json exclusive across processes, whatever the scheme. */
    private static final Set<String> EXCLUSIVE_ANYWHERE =
            Set.of(S3ConditionalLogStore.class.getName(), "io.delta.storage.S3DynamoDBLogStore");
    /**
     * Kernel's stores whose exclusion (rename without overwrite, create-if-absent) holds on the distributed file
     * systems they are made for; not on S3, which has neither, nor on local files, where the check before the rename
     * leaves a window and the rename itself replaces an existing commit.
     */
    private static final Set<String> EXCLUSIVE_ON_DISTRIBUTED_FS =
            Set.of("io.delta.storage.AzureLogStore", "io.delta.storage.GCSLogStore", "io.delta.storage.HDFSLogStore");

    private LogStores() {}

    /**
     * The store in effect for a table.
     *
     * @param className the log store class Kernel uses
     * @param exclusive whether two writers in different processes can never both create one N.json
     * @param guarantee what the store guarantees, for people
     */
    public record LogStore(String className, boolean exclusive, String guarantee) {
        /** One line for {@code bridge validate} and the run's log. */
        public String describe() {
            return "log store " + className.substring(className.lastIndexOf('.') + 1) + ": " + guarantee;
        }
    }

    /** The store that commits the table a kafka → delta mapping writes; empty for a mapping that only reads a table. */
    public static Optional<LogStore> ofWriter(MappingConfig mapping, Map<String, String> deltaSettings) {
        return mapping instanceof KafkaToDeltaMapping writer
                ? Optional.of(inEffect(writer.table(), deltaSettings))
                : Optional.empty();
    }

    /** The log store {@link DeltaEngines#create} makes Kernel use for {@code tableUri} with these {@code delta:} settings. */
    public static LogStore inEffect(String tableUri, Map<String, String> deltaSettings) {
        String scheme = scheme(tableUri);
        String configured = deltaSettings.get(DeltaEngines.LOG_STORE_KEY.formatted(scheme));
        String className = configured != null ? configured.trim() : defaultFor(scheme);
        if (className.equals(S3ConditionalLogStore.class.getName())) {
            return new LogStore(
                    className,
                    true,
                    "commits are conditional PUTs (If-None-Match: *): several writers are safe "
                            + "where the store honours the header (AWS S3; check an S3-compatible store)");
        }
        boolean localFiles = scheme.equals("file");
        if (EXCLUSIVE_ANYWHERE.contains(className)
                || (className.equals(LocalExclusiveLogStore.class.getName()) && localFiles)
                || (EXCLUSIVE_ON_DISTRIBUTED_FS.contains(className) && !S3_SCHEMES.contains(scheme) && !localFiles)) {
            return new LogStore(
                    className,
                    true,
                    "creating a commit fails when another writer made it first: several writers are safe");
        }
        return new LogStore(
                className,
                false,
                "does not keep writers of different processes apart: ONE writer per table, " + "or commits are lost");
    }

    /**
     * Why mapping {@code mapping} may not write {@code table} through a store that keeps no second writer out, and the
     * fixes; raised by the mapping file's loader and by the {@code KafkaToDelta} builder alike.
     */
    public static Problem unsafeWriter(String mapping, String table, LogStore store) {
        return Problem.of(
                        "mapping `%s` writes %s through %s, which keeps no second writer out",
                        mapping, table, store.className())
                .because("that store does not keep writers of different processes apart: two instances of the mapping "
                        + "(or any other writer) committing to the table at once replace each other's commits, and their "
                        + "records are lost")
                .fix("use a log store that excludes other writers (the default for s3a:// on a store with conditional "
                        + "writes, docs/object-stores.md), or run this mapping as ONE instance and say so with "
                        + "`single-writer: true` on it (builder: `singleWriter(true)`)");
    }

    private static String defaultFor(String scheme) {
        if (DeltaEngines.CONDITIONAL_S3_SCHEMES.contains(scheme)) {
            return S3ConditionalLogStore.class.getName();
        }
        if (S3_SCHEMES.contains(scheme)) {
            return "io.delta.storage.S3SingleDriverLogStore";
        }
        if (AZURE_SCHEMES.contains(scheme)) {
            return "io.delta.storage.AzureLogStore";
        }
        if (scheme.equals("file")) {
            return LocalExclusiveLogStore.class.getName();
        }
        return scheme.equals("gs") ? "io.delta.storage.GCSLogStore" : "io.delta.storage.HDFSLogStore";
    }

    private static String scheme(String tableUri) {
        try {
            String scheme = URI.create(tableUri).getScheme();
            return scheme == null || scheme.length() == 1 ? "file" : scheme.toLowerCase(Locale.ROOT); // C:\ is a path
        } catch (IllegalArgumentException e) {
            return "file"; // not a URI: a local path
        }
    }
}
