package io.deltabridge.core.schema;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FieldMetadata;
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
import io.deltabridge.core.error.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses Spark-style column DDL into a Kernel {@link StructType}:
 * {@code order_id BIGINT NOT NULL, amount DECIMAL(12,2) COMMENT 'EUR', items ARRAY<STRING>,
 * attrs MAP<STRING, INT>, s STRUCT<a: INT, b: STRING NOT NULL>}.
 *
 * <p>Types (case-insensitive): BOOLEAN, TINYINT/BYTE, SMALLINT/SHORT, INT/INTEGER, BIGINT/LONG,
 * FLOAT/REAL, DOUBLE, DECIMAL/DEC/NUMERIC[(p[,s])] (default (10,0)), STRING, VARCHAR(n), CHAR(n)
 * (both as STRING), BINARY, DATE, TIMESTAMP (also TIMESTAMP_LTZ), TIMESTAMP_NTZ, ARRAY&lt;t&gt;,
 * MAP&lt;k, v&gt;, STRUCT&lt;name[:] t, ...&gt;. Names may be backquoted ({@code `a b`}, {@code ``}
 * for a backquote). {@code COMMENT '...'} goes to the field metadata key {@code comment}. As an
 * extension, {@code ARRAY<INT NOT NULL>} and {@code MAP<STRING, INT NOT NULL>} declare elements /
 * values that cannot be null. Errors are {@link ConfigException}s pointing at the position.
 */
public final class DdlParser {
    private static final String SYNTAX_HELP =
            "write columns as name TYPE [NOT NULL] [COMMENT '...'], separated by commas, e.g. "
                    + "id BIGINT NOT NULL, amount DECIMAL(12,2), tags ARRAY<STRING>, attrs MAP<STRING, INT>, s STRUCT<a: INT>";

    private final String ddl;
    private int pos;
    /** Start of the token just read, for messages. */
    private int tokenStart;

    private DdlParser(String ddl) {
        this.ddl = ddl;
    }

    /** The schema the DDL describes; throws {@link ConfigException} naming the position of an error. */
    public static StructType parse(String ddl) {
        DdlParser p = new DdlParser(ddl);
        StructType schema = p.fieldList(false);
        p.skipSpace();
        if (p.pos < ddl.length()) {
            throw p.error(p.pos, "expected ',' or the end of the schema");
        }
        return schema;
    }

    /** One type, e.g. {@code DECIMAL(12,2)} or {@code MAP<STRING, ARRAY<INT>>}. */
    public static DataType parseType(String ddl) {
        DdlParser p = new DdlParser(ddl);
        DataType t = p.type();
        p.skipSpace();
        if (p.pos < ddl.length()) {
            throw p.error(p.pos, "expected the end of the type");
        }
        return t;
    }

    private StructType fieldList(boolean inStruct) {
        List<StructField> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        skipSpace();
        if (inStruct && peek() == '>') {
            return new StructType(fields);
        }
        do {
            skipSpace();
            int nameAt = pos;
            StructField f = field(inStruct);
            if (!names.add(f.getName().toLowerCase(Locale.ROOT))) {
                throw errorAt(nameAt, "duplicate column name '" + f.getName() + "' (names are case-insensitive)");
            }
            fields.add(f);
            skipSpace();
        } while (accept(','));
        return new StructType(fields);
    }

    private StructField field(boolean inStruct) {
        String name = name();
        skipSpace();
        if (inStruct) {
            accept(':');
        }
        DataType type = type();
        boolean nullable = true;
        String comment = null;
        while (true) {
            skipSpace();
            int at = pos;
            String word = peekWord();
            if (word.equals("NOT")) {
                word();
                skipSpace();
                if (!word().equals("NULL")) {
                    throw error(tokenStart, "expected NULL after NOT");
                }
                nullable = false;
            } else if (word.equals("COMMENT")) {
                word();
                comment = string();
            } else if (word.isEmpty()) {
                break;
            } else {
                throw error(
                        at, "expected NOT NULL, COMMENT, ',' or the end of the " + (inStruct ? "struct" : "schema"));
            }
        }
        FieldMetadata metadata = comment == null
                ? FieldMetadata.empty()
                : FieldMetadata.builder().putString("comment", comment).build();
        return new StructField(name, type, nullable, metadata);
    }

    private DataType type() {
        skipSpace();
        int at = pos;
        String word = word();
        switch (word) {
            case "BOOLEAN":
                return BooleanType.BOOLEAN;
            case "TINYINT":
            case "BYTE":
                return ByteType.BYTE;
            case "SMALLINT":
            case "SHORT":
                return ShortType.SHORT;
            case "INT":
            case "INTEGER":
                return IntegerType.INTEGER;
            case "BIGINT":
            case "LONG":
                return LongType.LONG;
            case "FLOAT":
            case "REAL":
                return FloatType.FLOAT;
            case "DOUBLE":
                return DoubleType.DOUBLE;
            case "STRING":
                return StringType.STRING;
            case "VARCHAR":
            case "CHAR":
                expect('(');
                number();
                expect(')');
                return StringType.STRING;
            case "BINARY":
                return BinaryType.BINARY;
            case "DATE":
                return DateType.DATE;
            case "TIMESTAMP":
            case "TIMESTAMP_LTZ":
                return TimestampType.TIMESTAMP;
            case "TIMESTAMP_NTZ":
                return TimestampNTZType.TIMESTAMP_NTZ;
            case "DECIMAL":
            case "DEC":
            case "NUMERIC":
                return decimal();
            case "ARRAY": {
                expect('<');
                DataType element = type();
                boolean containsNull = !notNull();
                expect('>');
                return new ArrayType(element, containsNull);
            }
            case "MAP": {
                expect('<');
                DataType key = type();
                expect(',');
                DataType value = type();
                boolean valueContainsNull = !notNull();
                expect('>');
                return new MapType(key, value, valueContainsNull);
            }
            case "STRUCT": {
                expect('<');
                StructType s = fieldList(true);
                expect('>');
                return s;
            }
            default:
                throw word.isEmpty()
                        ? error(at, "expected a type")
                        : errorAt(at, "unknown type '" + ddl.substring(at, pos) + "'");
        }
    }

    private DecimalType decimal() {
        skipSpace();
        if (!accept('(')) {
            return new DecimalType(10, 0);
        }
        int at = pos;
        int precision = number();
        int scale = 0;
        skipSpace();
        if (accept(',')) {
            scale = number();
        }
        expect(')');
        if (precision < 1 || precision > 38 || scale > precision) {
            throw errorAt(
                    at,
                    "DECIMAL(" + precision + "," + scale
                            + ") is out of range: precision 1 to 38, scale 0 to precision");
        }
        return new DecimalType(precision, scale);
    }

    /** [NOT NULL] inside ARRAY<...> / MAP<...>. */
    private boolean notNull() {
        skipSpace();
        if (!peekWord().equals("NOT")) {
            return false;
        }
        word();
        skipSpace();
        if (!word().equals("NULL")) {
            throw error(tokenStart, "expected NULL after NOT");
        }
        return true;
    }

    private String name() {
        skipSpace();
        tokenStart = pos;
        if (peek() == '`') {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= ddl.length()) {
                    throw errorAt(tokenStart, "unterminated `quoted name`");
                }
                char c = ddl.charAt(pos++);
                if (c == '`') {
                    if (peek() != '`') {
                        break;
                    }
                    pos++;
                }
                sb.append(c);
            }
            if (sb.length() == 0) {
                throw errorAt(tokenStart, "empty column name");
            }
            return sb.toString();
        }
        while (pos < ddl.length() && isWordChar(ddl.charAt(pos))) {
            pos++;
        }
        if (pos == tokenStart) {
            throw error(pos, "expected a column name");
        }
        return ddl.substring(tokenStart, pos);
    }

    private String string() {
        skipSpace();
        tokenStart = pos;
        char quote = peek();
        if (quote != '\'' && quote != '"') {
            throw error(pos, "expected a quoted comment");
        }
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= ddl.length()) {
                throw errorAt(tokenStart, "unterminated comment string");
            }
            char c = ddl.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\\' && pos < ddl.length()) {
                c = ddl.charAt(pos++);
            }
            sb.append(c);
        }
    }

    private int number() {
        skipSpace();
        int start = pos;
        while (pos < ddl.length() && Character.isDigit(ddl.charAt(pos))) {
            pos++;
        }
        if (start == pos || pos - start > 9) {
            throw error(start, "expected a number");
        }
        return Integer.parseInt(ddl.substring(start, pos));
    }

    /** The next word, upper-cased; empty when the next character does not start a word. */
    private String word() {
        skipSpace();
        tokenStart = pos;
        while (pos < ddl.length() && isWordChar(ddl.charAt(pos))) {
            pos++;
        }
        return ddl.substring(tokenStart, pos).toUpperCase(Locale.ROOT);
    }

    private String peekWord() {
        int save = pos;
        int saveStart = tokenStart;
        String w = word();
        pos = save;
        tokenStart = saveStart;
        return w;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private void expect(char c) {
        skipSpace();
        if (!accept(c)) {
            throw error(pos, "expected '" + c + "'");
        }
    }

    private boolean accept(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private char peek() {
        return pos < ddl.length() ? ddl.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < ddl.length() && Character.isWhitespace(ddl.charAt(pos))) {
            pos++;
        }
    }

    /** An error at {@code at}: what was expected, and the text found there. */
    private ConfigException error(int at, String expected) {
        String found = at >= ddl.length() ? "the end of the text" : "'" + excerpt(at) + "'";
        return errorAt(at, expected + ", found " + found);
    }

    private ConfigException errorAt(int at, String what) {
        int from = Math.max(0, at - 40);
        String context = (from > 0 ? "..." : "")
                + ddl.substring(from, Math.min(ddl.length(), at + 40)).replace('\n', ' ');
        String caret = " ".repeat(at - from + (from > 0 ? 3 : 0)) + "^";
        return Problem.of("Invalid schema DDL at character %d: %s", at + 1, what)
                .because("the marker shows where, in%n  %s%n  %s", context, caret)
                .fix(SYNTAX_HELP)
                .config();
    }

    /** The word at {@code at}, or its single character. */
    private String excerpt(int at) {
        int end = at;
        while (end < ddl.length() && end - at < 20 && isWordChar(ddl.charAt(end))) {
            end++;
        }
        return end == at ? ddl.substring(at, at + 1) : ddl.substring(at, end);
    }
}
