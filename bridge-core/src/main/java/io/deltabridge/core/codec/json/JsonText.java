package io.deltabridge.core.codec.json;

import io.deltabridge.core.error.DataException;
import io.deltabridge.core.error.Problem;

/**
 * Checks that a decoded JSON string is text: JSON escapes can spell a lone surrogate
 * (<code>&#92;ud800</code>), which is no character and has no UTF-8 form; storing it would turn it
 * into {@code ?} silently, so the record is a data error (a dead letter) instead.
 */
final class JsonText {
    private JsonText() {}

    static void require(char[] chars, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            char c = chars[i];
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
                    i++;
                } else {
                    throw loneSurrogate(c, i - offset);
                }
            }
        }
    }

    static void require(String s) {
        require(s.toCharArray(), 0, s.length());
    }

    private static DataException loneSurrogate(char c, int index) {
        return Problem.of("Record has a string with a lone surrogate \\u%04x at character %d", (int) c, index)
                .because("a surrogate escape that is not half of a pair is no character; it cannot be stored as UTF-8")
                .fix("fix the producer: escape characters outside the BMP as a surrogate pair, or send UTF-8 text")
                .data();
    }
}
