package io.deltabridge.core.codec.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.schema.DdlParser;
import io.deltabridge.core.vector.BatchBuilder;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Hostile Avro: length prefixes that claim far more than the record holds (Avro allocates before
 * it reads), block counts of zero-size items, invalid UTF-8 and deep recursion. Each must be a
 * {@link DataException} (a dead letter), never an {@link OutOfMemoryError}, a huge allocation, a
 * long loop or a {@link StackOverflowError}.
 */
class AvroHostileInputTest {
    /** What decoding one small record may allocate at most (the bombs would allocate gigabytes). */
    private static final long MAX_ALLOCATED = 16L << 20;

    private static final Schema STRING_RECORD = parse("""
            {"type":"record","name":"r","fields":[{"name":"s","type":"string"}]}""");
    private static final StructType STRING_TABLE = DdlParser.parse("s STRING");

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }

    /** Avro's zig-zag varint of {@code value}. */
    private static byte[] varlong(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = (value << 1) ^ (value >> 63);
        while ((n & ~0x7FL) != 0) {
            out.write((int) ((n & 0x7F) | 0x80));
            n >>>= 7;
        }
        out.write((int) n);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Decodes {@code record}, expecting a data error, and checks how much the thread allocated meanwhile. */
    private static DataException rejects(Schema writer, StructType table, byte[] record) {
        AvroRowDecoder decoder = new AvroRowDecoder(writer, table);
        BatchBuilder batch = new BatchBuilder(table);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        DataException e = assertThrows(DataException.class, () -> decoder.decode(record, batch));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < MAX_ALLOCATED, "decoding " + record.length + " bytes allocated " + allocated + " bytes");
        assertEquals(0, batch.rowCount());
        return e;
    }

    @Test
    void anElevenByteRecordClaimingATwoGigabyteStringIsADataErrorWithoutAllocatingIt() {
        byte[] record = concat(varlong(2_000_000_000L), "abcdef".getBytes());
        assertEquals(11, record.length);
        DataException e = rejects(STRING_RECORD, STRING_TABLE, record);
        assertTrue(e.getMessage().contains("2000000000") && e.getMessage().contains("6 bytes"), e.getMessage());
    }

    @Test
    void lengthBombsInBytesMapKeysAndRescuedFieldsAreDataErrors() {
        Schema bytes = parse("""
                {"type":"record","name":"r","fields":[{"name":"b","type":"bytes"}]}""");
        rejects(bytes, DdlParser.parse("b BINARY"), concat(varlong(Integer.MAX_VALUE - 8L), new byte[4]));

        Schema map = parse("""
                {"type":"record","name":"r","fields":[{"name":"m","type":{"type":"map","values":"int"}}]}""");
        rejects(map, DdlParser.parse("m MAP<STRING, INT>"), concat(varlong(1), varlong(1_500_000_000L), new byte[3]));

        // a field the table lacks goes through the rescue: the same bound applies there
        Schema extra = parse("""
                {"type":"record","name":"r","fields":[{"name":"s","type":"string"},{"name":"x","type":"string"}]}""");
        rejects(
                extra,
                DdlParser.parse("s STRING, _rescued_data STRING"),
                concat(varlong(1), "a".getBytes(), varlong(2_000_000_000L), new byte[2]));
    }

    @Test
    void aNegativeLengthIsADataError() {
        rejects(STRING_RECORD, STRING_TABLE, concat(varlong(-5), new byte[8]));
    }

    @Test
    void aHugeBlockCountOfZeroSizeItemsIsADataErrorNotALongLoop() {
        Schema nulls = parse("""
                {"type":"record","name":"r","fields":[{"name":"a","type":{"type":"array","items":"null"}}]}""");
        StructType table = DdlParser.parse("a ARRAY<STRING>");
        DataException e = rejects(nulls, table, concat(varlong(1L << 40), varlong(0)));
        assertTrue(e.getMessage().contains("items"), e.getMessage());
        // a real array of a few nulls still reads
        AvroRowDecoder decoder = new AvroRowDecoder(nulls, table);
        BatchBuilder batch = new BatchBuilder(table);
        decoder.decode(concat(varlong(3), varlong(0)), batch);
        assertEquals(1, batch.rowCount());
    }

    @Test
    void aBlockCountBeyondTheBytesLeftIsADataError() {
        Schema ints = parse("""
                {"type":"record","name":"r","fields":[{"name":"a","type":{"type":"array","items":"int"}}]}""");
        rejects(ints, DdlParser.parse("a ARRAY<INT>"), concat(varlong(1_000_000_000L), new byte[5]));
        // the negative form (count, then the block's size in bytes) too
        rejects(ints, DdlParser.parse("a ARRAY<INT>"), concat(varlong(-1_000_000_000L), varlong(5), new byte[5]));
    }

    @Test
    void invalidUtf8InAStringIsADataErrorInsteadOfReplacementCharacters() {
        byte[][] invalid = {
            {(byte) 0xC3}, // truncated 2-byte sequence
            {(byte) 0xFF, 'a'}, // never valid
            {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate (U+D800)
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // beyond U+10FFFF
            {'o', 'k', (byte) 0x80}, // a lone continuation byte
        };
        for (byte[] s : invalid) {
            DataException e = rejects(STRING_RECORD, STRING_TABLE, concat(varlong(s.length), s));
            assertTrue(e.getMessage().contains("UTF-8"), Arrays.toString(s) + ": " + e.getMessage());
        }
        Schema extra = parse("""
                {"type":"record","name":"r","fields":[{"name":"s","type":"string"},{"name":"x","type":"string"}]}""");
        rejects(
                extra,
                DdlParser.parse("s STRING, _rescued_data STRING"),
                concat(varlong(1), "a".getBytes(), varlong(1), new byte[] {(byte) 0xFE}));
    }

    @Test
    void validMultiByteUtf8StillReads() {
        AvroRowDecoder decoder = new AvroRowDecoder(STRING_RECORD, STRING_TABLE);
        BatchBuilder batch = new BatchBuilder(STRING_TABLE);
        byte[] s = "é€😀".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        decoder.decode(concat(varlong(s.length), s), batch);
        assertEquals("é€😀", batch.build().getColumnVector(0).getString(0));
    }

    @Test
    void deeplyNestedRescuedRecordsAreADataErrorNotAStackOverflow() {
        Schema nested = parse("""
                {"type":"record","name":"r","fields":[{"name":"s","type":"string"},
                 {"name":"x","type":["null",{"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]}]}]}""");
        int depth = 200_000;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(varlong(1));
        out.write('a');
        for (int i = 0; i < depth; i++) {
            out.writeBytes(varlong(1)); // the Node branch
        }
        out.writeBytes(varlong(0)); // null: the end
        DataException e = rejects(nested, DdlParser.parse("s STRING, _rescued_data STRING"), out.toByteArray());
        assertTrue(e.getMessage().contains("nested"), e.getMessage());
    }
}
