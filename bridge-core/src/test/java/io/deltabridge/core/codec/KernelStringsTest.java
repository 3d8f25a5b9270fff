package io.deltabridge.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.schema.DdlParser;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.core.vector.KernelFiles;
import io.deltabridge.core.vector.TestValues;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fails when a Kernel upgrade changes the internals the fast string path reads (it then falls back silently). */
class KernelStringsTest {

    @Test
    void readsTheBytesOfStringsInKernelReadVectorsTopLevelAndNested(@TempDir Path dir) throws Exception {
        assertTrue(KernelStrings.available(), "Kernel's default vectors changed: update KernelStrings");
        StructType schema = DdlParser.parse("s STRING, a ARRAY<STRING>, m MAP<STRING, STRING>");
        BatchBuilder b = new BatchBuilder(schema);
        TestValues.appendRow(b, Arrays.asList("Zürich 🚀", List.of("x", "ÿ"), List.of(TestValues.entry("k", "v"))));
        TestValues.appendRow(b, Arrays.asList("", List.of(), List.of()));
        ColumnarBatch built = b.build();
        assertNull(KernelStrings.utf8(built.getColumnVector(0), 0), "own vectors use getString");

        ColumnarBatch read = KernelFiles.read(KernelFiles.write(dir, List.of(built), List.of()), schema)
                .get(0);
        ColumnVector s = read.getColumnVector(0);
        for (int r = 0; r < 2; r++) {
            assertArrayEquals(s.getString(r).getBytes(StandardCharsets.UTF_8), KernelStrings.utf8(s, r));
        }
        ArrayValue array = read.getColumnVector(1).getArray(0);
        for (int i = 0; i < array.getSize(); i++) {
            byte[] bytes = KernelStrings.utf8(array.getElements(), i);
            assertNotNull(bytes, "array elements are Kernel view vectors");
            assertArrayEquals(array.getElements().getString(i).getBytes(StandardCharsets.UTF_8), bytes);
        }
        assertArrayEquals(
                "Zürich 🚀".getBytes(StandardCharsets.UTF_8), new StringKeyEncoder(schema, 0).encode(read, 0));
        MapValue map = read.getColumnVector(2).getMap(0);
        assertArrayEquals("k".getBytes(StandardCharsets.UTF_8), KernelStrings.utf8(map.getKeys(), 0));
        assertArrayEquals("v".getBytes(StandardCharsets.UTF_8), KernelStrings.utf8(map.getValues(), 0));
    }
}
