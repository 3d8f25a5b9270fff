package io.deltabridge.core.codec.json;

import io.delta.kernel.data.ColumnVector;
import io.deltabridge.core.codec.KernelStrings;
import io.deltabridge.core.codec.Utf8Buffer;

/**
 * Writes JSON string literals as UTF-8: {@code "} and {@code \} escaped, control characters as
 * {@code \n}, {@code \t}, ... or <code>&#92;u00XX</code>; everything else (including {@code /} and non-ASCII)
 * as is. Public so that envelope writers can add their own fields.
 */
public final class JsonStrings {
    /** 0: copy; otherwise the char after the backslash ('u' for <code>&#92;u00XX</code>). */
    private static final byte[] ESCAPE = new byte[128];

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = 'u';
        }
        ESCAPE['\b'] = 'b';
        ESCAPE['\f'] = 'f';
        ESCAPE['\n'] = 'n';
        ESCAPE['\r'] = 'r';
        ESCAPE['\t'] = 't';
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
    }

    private JsonStrings() {}

    /** {@code s} as a quoted, escaped JSON string. */
    public static void writeString(Utf8Buffer out, CharSequence s) {
        int len = s.length();
        byte[] b = out.reserve(len * 6 + 2);
        int p = out.position();
        b[p++] = '"';
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                byte e = ESCAPE[c];
                if (e == 0) {
                    b[p++] = (byte) c;
                } else {
                    b[p++] = '\\';
                    b[p++] = e;
                    if (e == 'u') {
                        b[p++] = '0';
                        b[p++] = '0';
                        b[p++] = HEX[c >> 4];
                        b[p++] = HEX[c & 0xF];
                    }
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                b[p++] = '?'; // a lone surrogate is not text; as String.getBytes(UTF_8) does
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        b[p++] = '"';
        out.advanceTo(p);
    }

    /**
     * A string given as UTF-8 bytes, as a quoted, escaped JSON string: bytes from 0x80 up are copied
     * (the input must be valid UTF-8, as Parquet strings are).
     */
    public static void writeUtf8String(Utf8Buffer out, byte[] utf8) {
        int len = utf8.length;
        byte[] b = out.reserve(len * 6 + 2);
        int p = out.position();
        b[p++] = '"';
        for (int i = 0; i < len; i++) {
            byte c = utf8[i];
            byte e = c < 0 ? 0 : ESCAPE[c];
            if (e == 0) {
                b[p++] = c;
            } else {
                b[p++] = '\\';
                b[p++] = e;
                if (e == 'u') {
                    b[p++] = '0';
                    b[p++] = '0';
                    b[p++] = HEX[c >> 4];
                    b[p++] = HEX[c & 0xF];
                }
            }
        }
        b[p++] = '"';
        out.advanceTo(p);
    }

    /** A STRING value of a vector: its UTF-8 bytes directly when {@link KernelStrings} can reach them. */
    static void writeString(Utf8Buffer out, ColumnVector v, int rowId) {
        byte[] utf8 = KernelStrings.utf8(v, rowId);
        if (utf8 != null) {
            writeUtf8String(out, utf8);
        } else {
            writeString(out, v.getString(rowId));
        }
    }

    /** The bytes of {@code "name":}, for field names written once per schema. */
    static byte[] fieldNamePrefix(String name, boolean first) {
        Utf8Buffer tmp = new Utf8Buffer(name.length() * 6 + 4);
        tmp.writeByte(first ? '{' : ',');
        writeString(tmp, name);
        tmp.writeByte(':');
        return tmp.toByteArray();
    }
}
