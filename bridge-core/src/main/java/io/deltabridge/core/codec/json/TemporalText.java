package io.deltabridge.core.codec.json;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/**
 * Parses dates and timestamps from text (JSON values; Avro strings read into timestamp columns): a fast path for the exact SPEC §7 forms, and
 * java.time's ISO parsers for the rest (other fraction lengths, offsets, years beyond 9999).
 */
public final class TemporalText {
    /** Returned when the text is not a valid date / timestamp. */
    public static final long INVALID = Long.MIN_VALUE;

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private TemporalText() {}

    /** Days since 1970-01-01 of {@code yyyy-MM-dd}, or {@link #INVALID}. */
    static long parseDate(char[] c, int off, int len) {
        if (len == 10 && c[off + 4] == '-' && c[off + 7] == '-') {
            int y = digits(c, off, 4);
            int m = digits(c, off + 5, 2);
            int d = digits(c, off + 8, 2);
            if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= lengthOfMonth(y, m)) {
                return daysFromCivil(y, m, d);
            }
            return INVALID;
        }
        try {
            return LocalDate.parse(new String(c, off, len)).toEpochDay();
        } catch (DateTimeException e) {
            return INVALID;
        }
    }

    /**
     * Microseconds since the epoch of {@code yyyy-MM-ddTHH:mm:ss.ffffffZ} (TIMESTAMP, {@code utc}:
     * any ISO offset, or none meaning UTC) or {@code yyyy-MM-ddTHH:mm:ss.ffffff} (TIMESTAMP_NTZ); or
     * {@link #INVALID}. Digits beyond microseconds are truncated.
     */
    public static long parseTimestamp(char[] c, int off, int len, boolean utc) {
        if (len == (utc ? 27 : 26)
                && (!utc || c[off + 26] == 'Z')
                && c[off + 10] == 'T'
                && c[off + 13] == ':'
                && c[off + 16] == ':'
                && c[off + 19] == '.') {
            long days = parseDate(c, off, 10);
            int h = digits(c, off + 11, 2);
            int m = digits(c, off + 14, 2);
            int s = digits(c, off + 17, 2);
            int f = digits(c, off + 20, 6);
            if (days != INVALID && h >= 0 && h < 24 && m >= 0 && m < 60 && s >= 0 && s < 60 && f >= 0) {
                return days * MICROS_PER_DAY + ((h * 60L + m) * 60 + s) * 1_000_000 + f;
            }
            return INVALID;
        }
        String text = new String(c, off, len);
        try {
            if (!utc) {
                LocalDateTime l = LocalDateTime.parse(text);
                return micros(l.toEpochSecond(ZoneOffset.UTC), l.getNano());
            }
            TemporalAccessor t =
                    DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from, LocalDateTime::from);
            if (t instanceof ZonedDateTime z) {
                return micros(z.toEpochSecond(), z.getNano());
            }
            LocalDateTime local = (LocalDateTime) t;
            return micros(local.toEpochSecond(ZoneOffset.UTC), local.getNano());
        } catch (DateTimeException | ArithmeticException e) {
            return INVALID;
        }
    }

    private static long micros(long epochSecond, int nanos) {
        return Math.addExact(Math.multiplyExact(epochSecond, 1_000_000L), nanos / 1000);
    }

    /** The non-negative number in {@code n} ASCII digits, or -1. */
    private static int digits(char[] c, int off, int n) {
        int v = 0;
        for (int i = off; i < off + n; i++) {
            int d = c[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int lengthOfMonth(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days-from-civil). */
    static long daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
