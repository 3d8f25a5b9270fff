package io.deltabridge.core.codec.avro;

import io.deltabridge.core.codec.Utf8Buffer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.avro.io.BinaryData;

/**
 * Avro binary encoding of primitive values straight into a reused {@link Utf8Buffer} (Avro's own
 * {@link BinaryData} routines, no encoder object in between). Also what an envelope writer uses
 * around {@link AvroRowEncoder#writeRow}: a union branch is {@link #writeIndex}, a record is its
 * fields one after the other.
 */
public final class AvroBinary {
    private AvroBinary() {}

    public static void writeBoolean(Utf8Buffer out, boolean value) {
        out.writeByte(value ? 1 : 0);
    }

    /** An Avro int (zig-zag varint). */
    public static void writeInt(Utf8Buffer out, int value) {
        byte[] b = out.reserve(5);
        out.advanceTo(out.position() + BinaryData.encodeInt(value, b, out.position()));
    }

    /** An Avro long (zig-zag varint); also block counts and lengths. */
    public static void writeLong(Utf8Buffer out, long value) {
        byte[] b = out.reserve(10);
        out.advanceTo(out.position() + BinaryData.encodeLong(value, b, out.position()));
    }

    public static void writeFloat(Utf8Buffer out, float value) {
        byte[] b = out.reserve(4);
        out.advanceTo(out.position() + BinaryData.encodeFloat(value, b, out.position()));
    }

    public static void writeDouble(Utf8Buffer out, double value) {
        byte[] b = out.reserve(8);
        out.advanceTo(out.position() + BinaryData.encodeDouble(value, b, out.position()));
    }

    /** The branch of a union (e.g. 0 for null and 1 for the value of {@code ["null", T]}). */
    public static void writeIndex(Utf8Buffer out, int branch) {
        writeInt(out, branch);
    }

    public static void writeBytes(Utf8Buffer out, byte[] value) {
        writeLong(out, value.length);
        out.writeBytes(value);
    }

    /** A string: its UTF-8 length, then its UTF-8 bytes (no intermediate array). */
    public static void writeString(Utf8Buffer out, String value) {
        writeLong(out, utf8Length(value));
        out.writeUtf8(value);
    }

    /** A decimal as Avro {@code bytes} with logical type decimal: the big-endian two's complement unscaled value. */
    public static void writeDecimal(Utf8Buffer out, BigDecimal value, int scale) {
        BigDecimal scaled = value.scale() == scale ? value : value.setScale(scale, RoundingMode.UNNECESSARY);
        writeBytes(out, scaled.unscaledValue().toByteArray());
    }

    /** The length of {@code s} as {@link Utf8Buffer#writeUtf8} writes it (a lone surrogate becomes one {@code ?}). */
    static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for the pair's 2 chars
                    i++;
                }
            } else {
                bytes += 2;
            }
        }
        return bytes;
    }
}
