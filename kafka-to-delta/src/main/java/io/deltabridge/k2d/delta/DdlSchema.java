package io.deltabridge.k2d.delta;

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
import io.deltabridge.core.error.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the Spark-style DDL of a mapping's {@code schema:}
 * ({@code "id BIGINT NOT NULL, tags ARRAY<STRING>, s STRUCT<a: INT, b: STRING>"}) into a
 * Delta schema. Backquoted names, {@code DECIMAL(p,s)}, {@code MAP<K,V>} and
 * {@code COMMENT '...'} are understood.
 */
public final class DdlSchema {
    private final String ddl;
    private int pos;

    private DdlSchema(String ddl) {
        this.ddl = ddl;
    }

    public static StructType parse(String ddl) {
        DdlSchema p = new DdlSchema(ddl);
        StructType schema = p.fields(false);
        p.skipSpace();
        if (p.pos < ddl.length()) {
            throw p.error("unexpected '" + ddl.charAt(p.pos) + "'");
        }
        return schema;
    }

    private StructType fields(boolean nested) {
        List<StructField> fields = new ArrayList<>();
        do {
            String name = name();
            skipSpace();
            if (nested && peek() == ':') {
                pos++;
            }
            DataType type = type();
            boolean nullable = true;
            if (keyword("NOT")) {
                expectKeyword("NULL");
                nullable = false;
            }
            if (keyword("COMMENT")) {
                quoted();
            }
            fields.add(new StructField(name, type, nullable));
        } while (symbol(','));
        return new StructType(fields);
    }

    private DataType type() {
        String word = word().toUpperCase(Locale.ROOT);
        return switch (word) {
            case "BOOLEAN" -> BooleanType.BOOLEAN;
            case "TINYINT", "BYTE" -> ByteType.BYTE;
            case "SMALLINT", "SHORT" -> ShortType.SHORT;
            case "INT", "INTEGER" -> IntegerType.INTEGER;
            case "BIGINT", "LONG" -> LongType.LONG;
            case "FLOAT", "REAL" -> FloatType.FLOAT;
            case "DOUBLE" -> DoubleType.DOUBLE;
            case "STRING" -> StringType.STRING;
            case "VARCHAR", "CHAR" -> {
                symbolRequired('(');
                word();
                symbolRequired(')');
                yield StringType.STRING;
            }
            case "BINARY" -> BinaryType.BINARY;
            case "DATE" -> DateType.DATE;
            case "TIMESTAMP" -> TimestampType.TIMESTAMP;
            case "TIMESTAMP_NTZ" -> TimestampNTZType.TIMESTAMP_NTZ;
            case "DECIMAL", "DEC", "NUMERIC" -> {
                if (!symbol('(')) {
                    yield new DecimalType(10, 0);
                }
                int precision = Integer.parseInt(word());
                int scale = symbol(',') ? Integer.parseInt(word()) : 0;
                symbolRequired(')');
                yield new DecimalType(precision, scale);
            }
            case "ARRAY" -> {
                symbolRequired('<');
                DataType element = type();
                symbolRequired('>');
                yield new ArrayType(element, true);
            }
            case "MAP" -> {
                symbolRequired('<');
                DataType key = type();
                symbolRequired(',');
                DataType value = type();
                symbolRequired('>');
                yield new MapType(key, value, true);
            }
            case "STRUCT" -> {
                symbolRequired('<');
                StructType struct = fields(true);
                symbolRequired('>');
                yield struct;
            }
            default -> throw error("unknown type '" + word + "'");
        };
    }

    private String name() {
        skipSpace();
        if (peek() == '`') {
            int end = ddl.indexOf('`', pos + 1);
            if (end < 0) {
                throw error("unclosed `");
            }
            String name = ddl.substring(pos + 1, end);
            pos = end + 1;
            return name;
        }
        return word();
    }

    private String word() {
        skipSpace();
        int start = pos;
        while (pos < ddl.length() && (Character.isLetterOrDigit(ddl.charAt(pos)) || ddl.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw error(pos < ddl.length() ? "unexpected '" + ddl.charAt(pos) + "'" : "unexpected end");
        }
        return ddl.substring(start, pos);
    }

    private void quoted() {
        skipSpace();
        char quote = peek();
        int end = ddl.indexOf(quote, pos + 1);
        if ((quote != '\'' && quote != '"') || end < 0) {
            throw error("expected a quoted comment");
        }
        pos = end + 1;
    }

    private boolean keyword(String keyword) {
        skipSpace();
        int end = pos + keyword.length();
        if (end <= ddl.length() && ddl.regionMatches(true, pos, keyword, 0, keyword.length())
                && (end == ddl.length() || !Character.isLetterOrDigit(ddl.charAt(end)))) {
            pos = end;
            return true;
        }
        return false;
    }

    private void expectKeyword(String keyword) {
        if (!keyword(keyword)) {
            throw error("expected " + keyword);
        }
    }

    private boolean symbol(char c) {
        skipSpace();
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void symbolRequired(char c) {
        if (!symbol(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private char peek() {
        return pos < ddl.length() ? ddl.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < ddl.length() && Character.isWhitespace(ddl.charAt(pos))) {
            pos++;
        }
    }

    private RuntimeException error(String what) {
        return Problem.of("The table schema '%s' cannot be parsed", ddl)
                .because("%s at character %d", what, pos + 1)
                .fix("write it as Spark DDL, e.g. \"id BIGINT NOT NULL, day DATE, amount DECIMAL(12,2), tags ARRAY<STRING>\"")
                .config();
    }
}
