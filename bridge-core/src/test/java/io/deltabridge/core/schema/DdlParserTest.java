package io.deltabridge.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.deltabridge.core.error.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DdlParserTest {

    @Test
    void parsesTheSpecExample() {
        StructType s =
                DdlParser.parse("order_id BIGINT NOT NULL, order_date DATE, amount DECIMAL(12,2), items ARRAY<STRING>, "
                        + "attrs MAP<STRING, INT>, s STRUCT<a: INT, b: STRING NOT NULL>");
        StructType expected = new StructType()
                .add("order_id", LongType.LONG, false)
                .add("order_date", DateType.DATE)
                .add("amount", new DecimalType(12, 2))
                .add("items", new ArrayType(StringType.STRING, true))
                .add("attrs", new MapType(StringType.STRING, IntegerType.INTEGER, true))
                .add("s", new StructType().add("a", IntegerType.INTEGER).add("b", StringType.STRING, false));
        assertEquals(expected, s);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "tinyint|TINYINT",
                "Byte|TINYINT",
                "SMALLINT|SMALLINT",
                "short|SMALLINT",
                "int|INT",
                "INTEGER|INT",
                "bigint|BIGINT",
                "LONG|BIGINT",
                "float|FLOAT",
                "REAL|FLOAT",
                "double|DOUBLE",
                "decimal|DECIMAL(10,0)",
                "DECIMAL(7)|DECIMAL(7,0)",
                "dec(38, 18)|DECIMAL(38,18)",
                "Numeric(5,5)|DECIMAL(5,5)",
                "string|STRING",
                "varchar(20)|STRING",
                "CHAR(3)|STRING",
                "binary|BINARY",
                "boolean|BOOLEAN",
                "date|DATE",
                "timestamp|TIMESTAMP",
                "timestamp_ltz|TIMESTAMP",
                "TIMESTAMP_NTZ|TIMESTAMP_NTZ",
                "array<array<int>>|ARRAY<ARRAY<INT>>",
                "map<int,array<map<string,date>>>|MAP<INT, ARRAY<MAP<STRING, DATE>>>",
                "struct<>|STRUCT<>",
                "struct<a int, `b c`: struct<d: binary>>|STRUCT<a: INT, `b c`: STRUCT<d: BINARY>>",
                "ARRAY<INT NOT NULL>|ARRAY<INT NOT NULL>",
                "MAP<STRING, STRING NOT NULL>|MAP<STRING, STRING NOT NULL>"
            })
    void parsesEveryTypeCaseInsensitively(String ddl, String printed) {
        DataType t = DdlParser.parseType(ddl);
        assertEquals(printed, DdlPrinter.typeToDdl(t));
        assertEquals(t, DdlParser.parseType(printed));
    }

    @Test
    void typesAreKernelTypes() {
        StructType s =
                DdlParser.parse("a BOOLEAN, b TINYINT, c SMALLINT, d INT, e BIGINT, f FLOAT, g DOUBLE, h STRING, "
                        + "i BINARY, j DATE, k TIMESTAMP, l TIMESTAMP_NTZ");
        DataType[] expected = {
            BooleanType.BOOLEAN,
            ByteType.BYTE,
            ShortType.SHORT,
            IntegerType.INTEGER,
            LongType.LONG,
            FloatType.FLOAT,
            DoubleType.DOUBLE,
            StringType.STRING,
            BinaryType.BINARY,
            DateType.DATE,
            TimestampType.TIMESTAMP,
            TimestampNTZType.TIMESTAMP_NTZ
        };
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], s.at(i).getDataType());
            assertTrue(s.at(i).isNullable());
        }
    }

    @Test
    void backquotedNamesAndComments() {
        StructType s = DdlParser.parse(
                "  `weird name` INT COMMENT 'it\\'s \\'quoted\\'' NOT NULL,\n `a``b` STRING comment \"x\"  ");
        StructField f = s.at(0);
        assertEquals("weird name", f.getName());
        assertFalse(f.isNullable());
        assertEquals("it's 'quoted'", f.getMetadata().getString("comment"));
        assertEquals("a`b", s.at(1).getName());
        assertEquals("x", s.at(1).getMetadata().getString("comment"));
    }

    @Test
    void printerRoundTripsThroughTheParser() {
        String ddl = "id BIGINT NOT NULL COMMENT 'the key: \\'id\\'', `order date` DATE, amount DECIMAL(12,2), "
                + "items ARRAY<STRUCT<sku: STRING NOT NULL, qty: INT>>, attrs MAP<STRING, ARRAY<INT NOT NULL>>, "
                + "m MAP<INT, STRING NOT NULL>, ts TIMESTAMP, ntz TIMESTAMP_NTZ, f FLOAT, t TINYINT, sm SMALLINT, "
                + "b BINARY, o BOOLEAN, d DOUBLE";
        StructType s = DdlParser.parse(ddl);
        assertEquals(ddl, DdlPrinter.toDdl(s));
        assertEquals(s, DdlParser.parse(DdlPrinter.toDdlMultiline(s)));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "id BIGINT NOT NULL, amount DECIMAL(12,2, x INT|40|expected ')'",
                "id BIGINT, name STRNG|17|unknown type 'STRNG'",
                "id BIGINT NOT NUL|15|expected NULL after NOT",
                "a INT b STRING|7|expected NOT NULL, COMMENT",
                "a ARRAY<INT|12|expected '>'",
                "a MAP<STRING>|13|expected ','",
                "a DECIMAL(39,2)|11|out of range",
                "a DECIMAL(5,6)|11|out of range",
                "a INT, A STRING|8|duplicate column name 'A'",
                "|1|expected a column name",
                "a INT,|7|expected a column name",
                "`a INT|1|unterminated",
                "a STRUCT<x: INT,>|17|expected a column name",
                "a INT COMMENT 'x|15|unterminated comment",
                "a INT)|6|expected ',' or the end of the schema"
            })
    void errorsPointAtThePosition(String ddl, int position, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> DdlParser.parse(ddl == null ? "" : ddl));
        assertTrue(e.getMessage().startsWith("Invalid schema DDL at character " + position + ":"), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains("^"), e.getMessage());
        assertTrue(e.fix().contains("name TYPE"), e.fix());
    }
}
