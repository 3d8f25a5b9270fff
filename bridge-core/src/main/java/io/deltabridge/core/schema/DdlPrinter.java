package io.deltabridge.core.schema;

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
import java.util.regex.Pattern;

/**
 * Prints a Kernel schema as the DDL {@link DdlParser} reads ({@code bridge schema}):
 * {@code id BIGINT NOT NULL, s STRUCT<a: INT, b: STRING NOT NULL> COMMENT 'x'}. Names that are
 * not plain identifiers are backquoted; arrays without null elements and maps without null values
 * print {@code NOT NULL} after the element / value type, which the parser reads back.
 */
public final class DdlPrinter {
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private DdlPrinter() {}

    /** The schema on one line: {@code a INT, b STRING}. */
    public static String toDdl(StructType schema) {
        return fields(schema, ", ", " ");
    }

    /** The schema with one column per line (for people to read). */
    public static String toDdlMultiline(StructType schema) {
        return fields(schema, ",\n", " ");
    }

    /** A type in DDL: {@code DECIMAL(12,2)}, {@code ARRAY<STRING>}, {@code MAP<STRING, INT>}. */
    public static String typeToDdl(DataType type) {
        StringBuilder sb = new StringBuilder();
        appendType(sb, type);
        return sb.toString();
    }

    /** A column or field name, backquoted when it is not a plain identifier. */
    public static String quoteName(String name) {
        return PLAIN_NAME.matcher(name).matches() ? name : "`" + name.replace("`", "``") + "`";
    }

    private static String fields(StructType schema, String separator, String nameTypeSeparator) {
        StringBuilder sb = new StringBuilder();
        for (StructField f : schema.fields()) {
            if (sb.length() > 0) {
                sb.append(separator);
            }
            appendField(sb, f, nameTypeSeparator);
        }
        return sb.toString();
    }

    private static void appendField(StringBuilder sb, StructField f, String nameTypeSeparator) {
        sb.append(quoteName(f.getName())).append(nameTypeSeparator);
        appendType(sb, f.getDataType());
        if (!f.isNullable()) {
            sb.append(" NOT NULL");
        }
        String comment = f.getMetadata().contains("comment") ? f.getMetadata().getString("comment") : null;
        if (comment != null) {
            sb.append(" COMMENT '")
                    .append(comment.replace("\\", "\\\\").replace("'", "\\'"))
                    .append('\'');
        }
    }

    private static void appendType(StringBuilder sb, DataType type) {
        if (type instanceof BooleanType) {
            sb.append("BOOLEAN");
        } else if (type instanceof ByteType) {
            sb.append("TINYINT");
        } else if (type instanceof ShortType) {
            sb.append("SMALLINT");
        } else if (type instanceof IntegerType) {
            sb.append("INT");
        } else if (type instanceof LongType) {
            sb.append("BIGINT");
        } else if (type instanceof FloatType) {
            sb.append("FLOAT");
        } else if (type instanceof DoubleType) {
            sb.append("DOUBLE");
        } else if (type instanceof DecimalType d) {
            sb.append("DECIMAL(")
                    .append(d.getPrecision())
                    .append(',')
                    .append(d.getScale())
                    .append(')');
        } else if (type instanceof StringType) {
            sb.append("STRING");
        } else if (type instanceof BinaryType) {
            sb.append("BINARY");
        } else if (type instanceof DateType) {
            sb.append("DATE");
        } else if (type instanceof TimestampType) {
            sb.append("TIMESTAMP");
        } else if (type instanceof TimestampNTZType) {
            sb.append("TIMESTAMP_NTZ");
        } else if (type instanceof ArrayType a) {
            sb.append("ARRAY<");
            appendType(sb, a.getElementType());
            if (!a.containsNull()) {
                sb.append(" NOT NULL");
            }
            sb.append('>');
        } else if (type instanceof MapType m) {
            sb.append("MAP<");
            appendType(sb, m.getKeyType());
            sb.append(", ");
            appendType(sb, m.getValueType());
            if (!m.isValueContainsNull()) {
                sb.append(" NOT NULL");
            }
            sb.append('>');
        } else if (type instanceof StructType s) {
            sb.append("STRUCT<");
            boolean first = true;
            for (StructField f : s.fields()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                appendField(sb, f, ": ");
            }
            sb.append('>');
        } else {
            sb.append(type.toString().toUpperCase(java.util.Locale.ROOT));
        }
    }
}
