package io.deltabridge.core.vector;

/** UTF-16 to UTF-8 into a caller's array (which must have room for 3 bytes per char). */
final class Utf8 {
    private Utf8() {}

    static int encode(CharSequence s, int from, int to, byte[] out, int pos) {
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (Character.isHighSurrogate(c) && k + 1 < to && Character.isLowSurrogate(s.charAt(k + 1))) {
                pos = putCodePoint(Character.toCodePoint(c, s.charAt(++k)), out, pos);
            } else {
                pos = putChar(c, out, pos);
            }
        }
        return pos;
    }

    static int encode(char[] s, int from, int to, byte[] out, int pos) {
        for (int k = from; k < to; k++) {
            char c = s[k];
            if (c < 0x80) {
                out[pos++] = (byte) c;
            } else if (Character.isHighSurrogate(c) && k + 1 < to && Character.isLowSurrogate(s[k + 1])) {
                pos = putCodePoint(Character.toCodePoint(c, s[++k]), out, pos);
            } else {
                pos = putChar(c, out, pos);
            }
        }
        return pos;
    }

    /** One BMP char; a lone surrogate becomes '?', as String.getBytes(UTF_8) does. */
    private static int putChar(char c, byte[] out, int pos) {
        if (c < 0x80) {
            out[pos++] = (byte) c;
        } else if (c < 0x800) {
            out[pos++] = (byte) (0xC0 | (c >> 6));
            out[pos++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isSurrogate(c)) {
            out[pos++] = '?';
        } else {
            out[pos++] = (byte) (0xE0 | (c >> 12));
            out[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            out[pos++] = (byte) (0x80 | (c & 0x3F));
        }
        return pos;
    }

    private static int putCodePoint(int cp, byte[] out, int pos) {
        out[pos++] = (byte) (0xF0 | (cp >> 18));
        out[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        out[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[pos++] = (byte) (0x80 | (cp & 0x3F));
        return pos;
    }
}
