package io.deltabridge.k2d.delta;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.JsonHandler;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The default Kernel engine on a local table, except that writing a commit file fails with an
 * IOException as an object store's lost response would: after the file landed ({@code landed}) or
 * before ({@code lost}), for the next {@code faults} commit files.
 */
final class LosingCommitsEngine extends ForwardingEngine {
    private static final Pattern COMMIT_FILE = Pattern.compile(".*/_delta_log/\\d{20}\\.json");

    private final boolean landed;
    final AtomicInteger faults;

    LosingCommitsEngine(Engine delegate, boolean landed, int faults) {
        super(delegate);
        this.landed = landed;
        this.faults = new AtomicInteger(faults);
    }

    @Override
    public JsonHandler getJsonHandler() {
        JsonHandler json = super.getJsonHandler();
        return new JsonHandler() {
            @Override
            public ColumnarBatch parseJson(
                    ColumnVector jsonStrings, StructType schema, Optional<ColumnVector> selection) {
                return json.parseJson(jsonStrings, schema, selection);
            }

            @Override
            public CloseableIterator<ColumnarBatch> readJsonFiles(
                    CloseableIterator<FileStatus> files, StructType schema, Optional<Predicate> predicate)
                    throws IOException {
                return json.readJsonFiles(files, schema, predicate);
            }

            @Override
            public void writeJsonFileAtomically(String path, CloseableIterator<Row> data, boolean overwrite)
                    throws IOException {
                if (!COMMIT_FILE.matcher(path).matches() || faults.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
                    json.writeJsonFileAtomically(path, data, overwrite);
                    return;
                }
                if (landed) {
                    json.writeJsonFileAtomically(path, data, overwrite);
                }
                throw new IOException("connection reset while writing " + path + " (injected)");
            }
        };
    }
}
