package io.deltabridge.core.codec;

/**
 * Checks that bytes are well-formed UTF-8 (RFC 3629: shortest form, no encoded surrogates,
 * nothing above U+10FFFF), so that bad text is rejected instead of being stored as U+FFFD.
 */
public final class Utf8Validation {
    private Utf8Validation() {}

    /** The index of the first byte of the first ill-formed sequence in {@code b[offset, offset + length)}, or -1. */
    public static int firstInvalid(byte[] b, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            int n = sequenceLength(b, i, end);
            if (n == 0) {
                return i - offset;
            }
            i += n;
        }
        return -1;
    }

    /** The length of the well-formed multi-byte sequence at {@code i}, or 0. */
    private static int sequenceLength(byte[] b, int i, int end) {
        int c = b[i] & 0xFF;
        if (c >= 0xC2 && c <= 0xDF) {
            return continuation(b, i + 1, end) ? 2 : 0;
        }
        if (c >= 0xE0 && c <= 0xEF) {
            if (i + 2 >= end || !continuation(b, i + 2, end)) {
                return 0;
            }
            int c1 = b[i + 1] & 0xFF;
            // E0: no overlong (A0..BF); ED: no surrogates (80..9F)
            int lo = c == 0xE0 ? 0xA0 : 0x80;
            int hi = c == 0xED ? 0x9F : 0xBF;
            return c1 >= lo && c1 <= hi ? 3 : 0;
        }
        if (c >= 0xF0 && c <= 0xF4) {
            if (i + 3 >= end || !continuation(b, i + 2, end) || !continuation(b, i + 3, end)) {
                return 0;
            }
            int c1 = b[i + 1] & 0xFF;
            // F0: no overlong (90..BF); F4: nothing above U+10FFFF (80..8F)
            int lo = c == 0xF0 ? 0x90 : 0x80;
            int hi = c == 0xF4 ? 0x8F : 0xBF;
            return c1 >= lo && c1 <= hi ? 4 : 0;
        }
        return 0; // a continuation byte, C0/C1 (overlong) or F5..FF
    }

    private static boolean continuation(byte[] b, int i, int end) {
        return i < end && (b[i] & 0xC0) == 0x80;
    }
}
