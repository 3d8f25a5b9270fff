package io.deltabridge.d2k.changefeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which files a commit's change rows come from (deletion-vector diffs are covered by the fixtures). */
class VersionPlannerTest {
    private static FileAction file(FileAction.Kind kind, String path) {
        return new FileAction(kind, path, Map.of(), 10, null, 5);
    }

    private static KernelInternals.CommitContents commit(List<FileAction> cdc, List<FileAction> addOrRemove) {
        KernelInternals.CommitContents c = new KernelInternals.CommitContents();
        c.cdc.addAll(cdc);
        c.addOrRemove.addAll(addOrRemove);
        return c;
    }

    private static List<String> describe(List<FileRead> reads) {
        return reads.stream()
                .map(r -> r.file().path() + ":"
                        + (r.isCdc() ? "cdc" : r.changeType().sparkName()))
                .toList();
    }

    @Test
    void cdcFilesWinOverAddsAndRemoves() {
        var c = commit(
                List.of(file(FileAction.Kind.CDC, "c1"), file(FileAction.Kind.CDC, "c2")),
                List.of(file(FileAction.Kind.REMOVE, "a"), file(FileAction.Kind.ADD, "b")));
        assertEquals(List.of("c1:cdc", "c2:cdc"), describe(VersionPlanner.plan(c)));
    }

    @Test
    void addsAreInsertsAndRemovesAreDeletesInLogOrder() {
        var c = commit(
                List.of(),
                List.of(
                        file(FileAction.Kind.REMOVE, "a"),
                        file(FileAction.Kind.ADD, "b"),
                        file(FileAction.Kind.REMOVE, "c")));
        assertEquals(List.of("a:delete", "b:insert", "c:delete"), describe(VersionPlanner.plan(c)));
        assertEquals(5, VersionPlanner.plan(c).get(0).knownChangeCount(), "stats tell the count without reading");
    }

    @Test
    void samePathWithoutDeletionVectorsIsAllOutAllIn() {
        var c = commit(
                List.of(),
                List.of(
                        file(FileAction.Kind.REMOVE, "a"),
                        file(FileAction.Kind.ADD, "x"),
                        file(FileAction.Kind.ADD, "a")));
        assertEquals(List.of("a:insert", "a:delete", "x:insert"), describe(VersionPlanner.plan(c)));
    }

    @Test
    void mergeThatChangedNothingHasNoRows() {
        var c = commit(List.of(), List.of(file(FileAction.Kind.REMOVE, "a"), file(FileAction.Kind.ADD, "b")));
        c.noOpMerge = true;
        assertEquals(List.of(), VersionPlanner.plan(c));
    }

    @Test
    void twoAddsOfOnePathAreACorruptCommit() {
        var c = commit(List.of(), List.of(file(FileAction.Kind.ADD, "a"), file(FileAction.Kind.ADD, "a")));
        assertThrows(IllegalStateException.class, () -> VersionPlanner.plan(c));
    }
}
