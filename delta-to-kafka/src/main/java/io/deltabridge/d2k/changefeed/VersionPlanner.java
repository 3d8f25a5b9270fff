package io.deltabridge.d2k.changefeed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which files hold the change rows of one commit, following Spark's
 * {@code CDCReader.changesToDF}:
 * <ul>
 *   <li>a commit with cdc files → only its cdc files (they carry {@code _change_type});</li>
 *   <li>otherwise add (dataChange=true) → inserts, remove (dataChange=true) → deletes
 *       (the rows the removed file still had); dataChange=false actions were already dropped;</li>
 *   <li>a MERGE whose metrics say it changed nothing → no rows;</li>
 *   <li>remove and add of the same path (a deletion vector changed, no cdc file): rows in the new
 *       vector and not the old are deletes, rows in the old and not the new are inserts.</li>
 * </ul>
 * The order is the log order (a same-path pair at its first action), so it is the same on every read.
 */
final class VersionPlanner {
    private VersionPlanner() {}

    static List<FileRead> plan(KernelInternals.CommitContents commit) {
        List<FileRead> reads = new ArrayList<>();
        if (!commit.cdc.isEmpty()) {
            commit.cdc.forEach(f -> reads.add(FileRead.cdc(f)));
            return reads;
        }
        if (commit.noOpMerge) {
            return reads;
        }
        Map<String, FileAction> adds = new HashMap<>();
        Map<String, FileAction> removes = new HashMap<>();
        for (FileAction f : commit.addOrRemove) {
            Map<String, FileAction> byPath = f.kind() == FileAction.Kind.ADD ? adds : removes;
            if (byPath.put(f.path(), f) != null) {
                throw new IllegalStateException("Two " + f.kind() + " actions for " + f.path() + " in one commit");
            }
        }
        Set<String> pairsDone = new HashSet<>();
        for (FileAction f : commit.addOrRemove) {
            FileAction add = adds.get(f.path());
            FileAction remove = removes.get(f.path());
            if (add == null || remove == null) {
                reads.add(
                        FileRead.liveRows(f, f.kind() == FileAction.Kind.ADD ? ChangeType.INSERT : ChangeType.DELETE));
            } else if (pairsDone.add(f.path())) {
                planSamePath(add, remove, reads);
            }
        }
        return reads;
    }

    private static void planSamePath(FileAction add, FileAction remove, List<FileRead> reads) {
        KernelInternals.DeletionVector newDv = add.deletionVector();
        KernelInternals.DeletionVector oldDv = remove.deletionVector();
        if (newDv == null && oldDv == null) {
            // rewritten in place without deletion vectors: all old rows go, all new rows come
            reads.add(FileRead.liveRows(add, ChangeType.INSERT));
            reads.add(FileRead.liveRows(remove, ChangeType.DELETE));
            return;
        }
        // both reads use the add: same file and partition values, and its size is always logged
        if (newDv != null) {
            reads.add(new FileRead(add, ChangeType.DELETE, newDv, oldDv));
        }
        if (oldDv != null) {
            reads.add(new FileRead(add, ChangeType.INSERT, oldDv, newDv));
        }
    }
}
