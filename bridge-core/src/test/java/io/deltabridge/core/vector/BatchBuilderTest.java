package io.deltabridge.core.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.schema.DdlParser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchBuilderTest {

    @Test
    void everyTypeWithNullsAtEveryLevelReadsBack() {
        BatchBuilder b = new BatchBuilder(AllTypes.SCHEMA);
        List<List<Object>> rows = AllTypes.rows();
        rows.forEach(r -> TestValues.appendRow(b, r));
        ColumnarBatch batch = b.build();
        assertEquals(rows.size(), batch.getSize());
        assertEquals(rows, TestValues.rows(batch));
    }

    @Test
    void rollbackRemovesNestedValuesOfTheOpenRow() {
        BatchBuilder b = new BatchBuilder(AllTypes.SCHEMA);
        List<List<Object>> rows = AllTypes.rows();
        TestValues.appendRow(b, rows.get(0));
        // a row that fails half-way, deep inside a nested value
        b.startRow();
        List<Object> partial = rows.get(3);
        for (int c = 0; c < 20; c++) {
            TestValues.append(b.column(c), partial.get(c));
        }
        ColumnBuilder nested = b.column(21);
        nested.beginMap();
        nested.keys().appendString("k");
        ColumnBuilder arr = nested.values();
        arr.beginArray();
        arr.elements().beginStruct();
        arr.elements().child(1).beginArray();
        arr.elements().child(1).elements().appendString("half");
        b.rollbackRow();
        assertFalse(b.inRow());
        TestValues.appendRow(b, rows.get(5));
        assertEquals(List.of(rows.get(0), rows.get(5)), TestValues.rows(b.build()));
    }

    @Test
    void missingValuesBecomeNullAndMissingNotNullIsADataErrorThatRollsBack() {
        StructType schema = DdlParser.parse("id BIGINT NOT NULL, name STRING, s STRUCT<a: INT NOT NULL, b: STRING>");
        BatchBuilder b = new BatchBuilder(schema);
        b.startRow();
        b.column(0).appendLong(1);
        b.column(2).beginStruct();
        b.column(2).child(0).appendInt(5);
        b.column(2).endStruct();
        b.commitRow();

        b.startRow();
        b.column(1).appendString("no id");
        DataException e = assertThrows(DataException.class, b::commitRow);
        assertTrue(e.getMessage().contains("'id'"), e.getMessage());
        assertFalse(b.inRow());

        b.startRow();
        b.column(0).appendLong(2);
        b.column(2).beginStruct();
        b.column(2).child(1).appendString("no a");
        DataException nested =
                assertThrows(DataException.class, () -> b.column(2).endStruct());
        assertTrue(nested.getMessage().contains("'s.a'"), nested.getMessage());
        b.rollbackRow();

        b.startRow();
        DataException nullId =
                assertThrows(DataException.class, () -> b.column(0).appendNull());
        assertTrue(nullId.getMessage().contains("NOT NULL column 'id'"), nullId.getMessage());
        b.rollbackRow();

        assertEquals(List.of(Arrays.asList(1L, null, Arrays.asList(5, null))), TestValues.rows(b.build()));
    }

    @Test
    void nullStructKeepsChildrenAlignedEvenForNotNullFields() {
        StructType schema = DdlParser.parse("s STRUCT<a: INT NOT NULL, b: ARRAY<STRING NOT NULL>>");
        BatchBuilder b = new BatchBuilder(schema);
        TestValues.appendRow(b, Arrays.asList((Object) null));
        TestValues.appendRow(b, List.of(List.of(1, List.of("x"))));
        assertEquals(
                List.of(Arrays.asList((Object) null), List.of(List.of(1, List.of("x")))), TestValues.rows(b.build()));
        b.startRow();
        b.column(0).beginStruct();
        b.column(0).child(1).beginArray();
        DataException e = assertThrows(
                DataException.class, () -> b.column(0).child(1).elements().appendNull());
        assertTrue(e.getMessage().contains("'s.b[]'"), e.getMessage());
        b.rollbackRow();
    }

    @Test
    void resetReusesMemoryAndEarlierRowsAreGone() {
        BatchBuilder b = new BatchBuilder(AllTypes.SCHEMA);
        List<List<Object>> rows = AllTypes.rows();
        for (int round = 0; round < 3; round++) {
            b.reset();
            List<List<Object>> expected = new ArrayList<>();
            for (int i = round; i < rows.size(); i++) {
                TestValues.appendRow(b, rows.get(i));
                expected.add(rows.get(i));
            }
            assertEquals(expected, TestValues.rows(b.build()));
            assertTrue(b.byteSize() > 0);
        }
        b.reset();
        assertEquals(0, b.build().getSize());
    }

    @Test
    void growsFarBeyondInitialCapacity() {
        StructType schema = DdlParser.parse("i BIGINT, s STRING, a ARRAY<INT>");
        BatchBuilder b = new BatchBuilder(schema);
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            TestValues.appendRow(b, Arrays.asList((long) i, i % 7 == 0 ? null : "v" + i, List.of(i, -i)));
        }
        List<List<Object>> rows = TestValues.rows(b.build());
        assertEquals(n, rows.size());
        assertEquals(Arrays.asList(9999L, "v9999", List.of(9999, -9999)), rows.get(9999));
        assertEquals(Arrays.asList(7L, null, List.of(7, -7)), rows.get(7));
    }

    @Test
    void decimalsAreRescaledExactlyOrRejected() {
        StructType schema = DdlParser.parse("d DECIMAL(5,2), w DECIMAL(38,2)");
        BatchBuilder b = new BatchBuilder(schema);
        b.startRow();
        b.column(0).appendDecimal(new BigDecimal("1.5"));
        b.column(1).appendDecimalUnscaled(-12345);
        b.commitRow();
        assertEquals(List.of(List.of(new BigDecimal("1.50"), new BigDecimal("-123.45"))), TestValues.rows(b.build()));
        b.startRow();
        DataException rounding =
                assertThrows(DataException.class, () -> b.column(0).appendDecimal(new BigDecimal("1.234")));
        assertTrue(
                rounding.getMessage().contains("DECIMAL(5,2)")
                        && rounding.getMessage().contains("'d'"),
                rounding.getMessage());
        assertThrows(DataException.class, () -> b.column(0).appendDecimal(new BigDecimal("1000.00")));
        assertThrows(DataException.class, () -> b.column(0).appendDecimalUnscaled(100_000));
        b.rollbackRow();
    }

    @Test
    void wrongAppendIsAProgrammingError() {
        BatchBuilder b = new BatchBuilder(DdlParser.parse("i INT"));
        b.startRow();
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> b.column(0).appendString("x"));
        assertTrue(e.getMessage().contains("'i'"));
        b.column(0).appendInt(1);
        b.column(0).appendInt(2);
        assertThrows(IllegalStateException.class, b::commitRow);
        assertThrows(IllegalStateException.class, () -> new BatchBuilder(DdlParser.parse("i INT")).commitRow());
    }

    @Test
    void stringsFromCharsBytesAndStringsAreTheSameUtf8() {
        BatchBuilder b = new BatchBuilder(DdlParser.parse("s STRING"));
        String text = "a\u00e9\u4e2d\uD83D\uDE80z";
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        b.startRow();
        b.column(0).appendString(text);
        b.commitRow();
        b.startRow();
        b.column(0).appendString(("xx" + text).toCharArray(), 2, text.length());
        b.commitRow();
        b.startRow();
        b.column(0).appendString(utf8, 0, utf8.length);
        b.commitRow();
        assertEquals(List.of(List.of(text), List.of(text), List.of(text)), TestValues.rows(b.build()));
    }

    @Test
    void builtBatchSupportsKernelsColumnEdits() {
        StructType schema = DdlParser.parse("p DATE, v STRING");
        BatchBuilder b = new BatchBuilder(schema);
        TestValues.appendRow(b, Arrays.asList(3, "x"));
        ColumnarBatch batch = b.build();
        ColumnarBatch withoutPartition = batch.withDeletedColumnAt(0);
        assertEquals(DdlParser.parse("v STRING"), withoutPartition.getSchema());
        assertEquals(List.of(List.of("x")), TestValues.rows(withoutPartition));
        ColumnarBatch back = withoutPartition.withNewColumn(0, schema.at(0), batch.getColumnVector(0));
        assertEquals(schema, back.getSchema());
        assertEquals(TestValues.rows(batch), TestValues.rows(back));
        StructType renamed = DdlParser.parse("q DATE, w STRING");
        assertEquals(renamed, batch.withNewSchema(renamed).getSchema());
        assertThrows(IllegalArgumentException.class, () -> batch.withNewSchema(DdlParser.parse("q DATE")));
    }
}
