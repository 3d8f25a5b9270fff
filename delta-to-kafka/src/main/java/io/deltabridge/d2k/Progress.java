package io.deltabridge.d2k;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltabridge.core.error.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A mapping's position, the value of its record in the progress topic: every change row of
 * versions before {@code version}, and those of {@code version} with an ordinal below
 * {@code nextOrdinal}, are published. {@code complete} means the whole version is.
 *
 * @param version         the table version the position is in
 * @param nextOrdinal     the first change row of {@code version} not yet handled (0 when complete)
 * @param complete        whether every change row of {@code version} is published
 * @param tableId         the Delta table id (to notice a table recreated at the same location)
 * @param commitTimestamp the version's commit timestamp, epoch milliseconds
 * @param publishedAt     when the record was written, epoch milliseconds
 */
public record Progress(
        long version, long nextOrdinal, boolean complete, String tableId, long commitTimestamp, long publishedAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The whole of {@code version} is published. */
    public static Progress completed(long version, String tableId, long commitTimestamp) {
        return new Progress(version, 0, true, tableId, commitTimestamp, System.currentTimeMillis());
    }

    /** Change rows of {@code version} below {@code nextOrdinal} are published, the rest not yet. */
    public static Progress partial(long version, long nextOrdinal, String tableId, long commitTimestamp) {
        return new Progress(version, nextOrdinal, false, tableId, commitTimestamp, System.currentTimeMillis());
    }

    /** The first version with anything left to publish. */
    public long resumeVersion() {
        return complete ? version + 1 : version;
    }

    /** The first change row to publish in {@link #resumeVersion()}. */
    public long resumeOrdinal() {
        return complete ? 0 : nextOrdinal;
    }

    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode()
                .put("version", version)
                .put("ordinal", nextOrdinal)
                .put("complete", complete)
                .put("tableId", tableId)
                .put("commitTimestamp", commitTimestamp)
                .put("publishedAt", publishedAt);
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static Progress fromJson(byte[] json, String where) {
        try {
            JsonNode node = JSON.readTree(json);
            return new Progress(
                    node.required("version").asLong(),
                    node.path("ordinal").asLong(0),
                    node.path("complete").asBoolean(true),
                    node.path("tableId").asText(null),
                    node.path("commitTimestamp").asLong(0),
                    node.path("publishedAt").asLong(0));
        } catch (IOException | IllegalArgumentException e) {
            throw Problem.of("Unreadable progress record in %s", where)
                    .because("%s", e.getMessage())
                    .fix("set 'starting-version' to where publishing should resume and run once with"
                            + " 'bridge run -m <mapping> --reset-progress'")
                    .data(e);
        }
    }
}
