package io.deltabridge.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltabridge.core.error.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A Delta commit written by hand, for what Kernel cannot commit (remove + add with dataChange=true and
 * cdc files on a CDF table): the actions Spark writes for a copy-on-write UPDATE or DELETE, stored as
 * {@code _delta_log/<version>.json} atomically (temp file, then a hard link that fails if the version exists).
 */
final class DeltaCommitFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ObjectNode> actions = new ArrayList<>();
    private final long now = System.currentTimeMillis();

    DeltaCommitFile(String operation, String predicate, long readVersion, ObjectNode metrics, String engineInfo) {
        ObjectNode info = JSON.createObjectNode();
        info.put("timestamp", now);
        info.put("operation", operation);
        info.putObject("operationParameters")
                .put("predicate", JSON.createArrayNode().add(predicate).toString());
        info.put("readVersion", readVersion);
        info.put("isolationLevel", "Serializable");
        info.put("isBlindAppend", false);
        info.set("operationMetrics", metrics);
        info.put("engineInfo", engineInfo);
        info.put("txnId", UUID.randomUUID().toString());
        actions.add(wrap("commitInfo", info));
    }

    /** Operation metrics, Spark style (every value a string). */
    static ObjectNode metrics() {
        return JSON.createObjectNode();
    }

    void remove(String path, long size) {
        ObjectNode r = JSON.createObjectNode();
        r.put("path", path);
        r.put("deletionTimestamp", now);
        r.put("dataChange", true);
        r.put("extendedFileMetadata", true);
        r.putObject("partitionValues");
        r.put("size", size);
        actions.add(wrap("remove", r));
    }

    void add(String path, long size, long modificationTime, String stats) {
        ObjectNode a = JSON.createObjectNode();
        a.put("path", path);
        a.putObject("partitionValues");
        a.put("size", size);
        a.put("modificationTime", modificationTime);
        a.put("dataChange", true);
        if (stats != null) {
            a.put("stats", stats);
        }
        actions.add(wrap("add", a));
    }

    void cdc(String path, long size) {
        ObjectNode c = JSON.createObjectNode();
        c.put("path", path);
        c.putObject("partitionValues");
        c.put("size", size);
        c.put("dataChange", false);
        actions.add(wrap("cdc", c));
    }

    /** Writes the commit as {@code version}; fails if another writer committed that version first. */
    void commit(Path table, long version) {
        Path log = table.resolve("_delta_log");
        Path target = log.resolve(String.format("%020d.json", version));
        Path temp = log.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        StringBuilder body = new StringBuilder();
        for (ObjectNode action : actions) {
            body.append(action).append('\n');
        }
        try {
            Files.writeString(temp, body, StandardCharsets.UTF_8);
            try {
                Files.createLink(target, temp);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (FileAlreadyExistsException e) {
            throw Problem.of("Version %d of the Delta table %s was committed by another writer", version, table)
                    .because("the commit file %s already exists", target.getFileName())
                    .fix("retry: the change is recomputed from the new latest version")
                    .retriable(e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the Delta commit " + target, e);
        }
    }

    private static ObjectNode wrap(String name, ObjectNode action) {
        ObjectNode o = JSON.createObjectNode();
        o.set(name, action);
        return o;
    }
}
