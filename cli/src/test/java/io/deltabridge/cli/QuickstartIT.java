package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code bridge quickstart} end to end, in-process: both directions, exit 0, temp files gone. */
class QuickstartIT {

    @Test
    void runsBothDirectionsAndCleansUp() {
        Cli.Result r = Cli.run("quickstart");
        assertEquals(0, r.code(), r.toString());
        String out = r.out();
        // delta → kafka: 20 inserts, then 4 updates and 2 deletes as tombstones
        assertTrue(out.contains("1 commit, 20 records"), r.toString());
        assertTrue(out.contains("20 events on 'insights'"), r.toString());
        assertTrue(out.contains("version 2 updated 4 rows, version 3 deleted 2 rows"), r.toString());
        assertTrue(out.contains("2 commits, 6 records"), r.toString());
        assertTrue(out.contains("deltabridge.change.type=update_postimage"), r.toString());
        assertTrue(out.contains("null (tombstone)"), r.toString());
        // kafka → delta upserts: the 26 events are applied by key, the landed table equals the source
        assertTrue(
                out.contains("equals the source table: the same 18 rows, the update and the delete included"),
                r.toString());
        assertFalse(out.contains("skipped or dead-lettered"), r.toString());
        assertTrue(out.contains("_lineage={deltabridge.version="), r.toString());
        assertTrue(out.contains("[8] Done"), r.toString());

        Matcher dir =
                Pattern.compile("(/\\S*deltabridge-quickstart-\\d+)/insights").matcher(out);
        assertTrue(dir.find(), r.toString());
        assertFalse(Files.exists(Path.of(dir.group(1))), "temporary directory deleted");
    }
}
