package io.deltabridge.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The hand-written formatters against the JDK's own. */
class Utf8BufferTest {
    private static final long MIN_DAY = LocalDate.of(-50_000, 1, 1).toEpochDay();
    private static final long MAX_DAY = LocalDate.of(50_000, 12, 31).toEpochDay();
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    private static String written(java.util.function.Consumer<Utf8Buffer> write) {
        Utf8Buffer b = new Utf8Buffer(1);
        b.writeUtf8("<");
        write.accept(b);
        b.writeByte('>');
        String s = new String(b.toByteArray(), StandardCharsets.UTF_8);
        return s.substring(1, s.length() - 1);
    }

    @Property
    void longsAsJava(@ForAll long v) {
        assertEquals(Long.toString(v), written(b -> b.writeLong(v)));
    }

    @Property
    void edgeLongs(@ForAll @IntRange(min = 0, max = 19) int exp, @ForAll boolean negative) {
        long v = exp == 19 ? Long.MAX_VALUE : (long) Math.pow(10, exp);
        for (long x : new long[] {v - 1, v, v + 1}) {
            long y = negative ? -x : x;
            assertEquals(Long.toString(y), written(b -> b.writeLong(y)));
        }
        assertEquals(Long.toString(Long.MIN_VALUE), written(b -> b.writeLong(Long.MIN_VALUE)));
    }

    @Property
    void doublesAsDoubleToString(@ForAll double v) {
        assertEquals(Double.toString(v), written(b -> b.writeDouble(v)));
    }

    @Property(tries = 5000)
    void shortDecimalDoublesAsDoubleToString(
            @ForAll @IntRange(min = 0, max = 5) int k,
            @ForAll @LongRange(min = -1_000_000_000L, max = 1_000_000_000L) long m) {
        double v = m / Math.pow(10, k);
        assertEquals(Double.toString(v), written(b -> b.writeDouble(v)));
    }

    @org.junit.jupiter.api.Test
    void everyDoubleWithAtMostTwoFractionDigitsBelow10000AsDoubleToString() {
        Utf8Buffer b = new Utf8Buffer();
        for (int k = 0; k <= 2; k++) {
            double unit = Math.pow(10, k);
            for (long m = -10_000L * (long) unit; m <= 10_000L * (long) unit; m++) {
                double v = m / unit;
                b.reset();
                b.writeDouble(v);
                String got = new String(b.array(), 0, b.size(), StandardCharsets.US_ASCII);
                if (!got.equals(Double.toString(v))) {
                    assertEquals(Double.toString(v), got);
                }
            }
        }
    }

    @Property
    void floatsAsFloatToString(@ForAll float v) {
        assertEquals(Float.toString(v), written(b -> b.writeFloat(v)));
    }

    @Property
    void decimalsPlainWithExactScale(@ForAll long unscaled, @ForAll @IntRange(min = 0, max = 20) int scale) {
        BigDecimal d = BigDecimal.valueOf(unscaled, scale);
        assertEquals(d.toPlainString(), written(b -> b.writeUnscaledDecimal(unscaled, scale)));
        assertEquals(d.toPlainString(), written(b -> b.writeDecimal(d, scale)));
        BigDecimal big = d.multiply(BigDecimal.valueOf(1_000_000_007L)).setScale(scale + 2);
        assertEquals(big.toPlainString(), written(b -> b.writeDecimal(big, scale + 2)));
    }

    @Property
    void datesAsLocalDate(@ForAll @LongRange(min = -18_000_000L, max = 18_000_000L) long day) {
        long d = Math.max(MIN_DAY, Math.min(MAX_DAY, day));
        assertEquals(LocalDate.ofEpochDay(d).toString(), written(b -> b.writeDate(d)));
    }

    @Property
    void timestampsWithSixFractionDigits(
            @ForAll @LongRange(min = -62_135_596_800_000_000L, max = 253_402_300_799_999_999L) long micros) {
        Instant i = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
        LocalDateTime t = LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        String expected = t.toLocalDate() + "T" + MICROS.format(t);
        assertEquals(expected + "Z", written(b -> b.writeTimestamp(micros, true)));
        assertEquals(expected, written(b -> b.writeTimestamp(micros, false)));
    }

    @Property
    void base64AsJava(@ForAll @Size(max = 40) byte[] data) {
        assertEquals(Base64.getEncoder().encodeToString(data), written(b -> b.writeBase64(data)));
    }

    @Property
    void utf8AsJava(@ForAll String s) {
        assertEquals(
                new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), written(b -> b.writeUtf8(s)));
    }
}
