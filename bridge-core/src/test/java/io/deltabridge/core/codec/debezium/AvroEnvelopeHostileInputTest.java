package io.deltabridge.core.codec.debezium;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.schema.DdlParser;
import io.deltabridge.core.vector.BatchBuilder;
import java.io.ByteArrayOutputStream;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile bytes in the parts of a Debezium Avro event that are skipped rather than decoded (the
 * update's {@code before}, {@code source}): a data error, never a long loop or a huge allocation.
 */
class AvroEnvelopeHostileInputTest {
    private static final Schema ENVELOPE = new Schema.Parser().parse("""
        {"type":"record","name":"Envelope","fields":[
          {"name":"before","type":["null",{"type":"record","name":"Value","fields":[
             {"name":"id","type":"int"},{"name":"tags","type":{"type":"array","items":"string"}},
             {"name":"nothing","type":{"type":"array","items":"null"}}]}]},
          {"name":"after","type":["null","Value"]},
          {"name":"op","type":"string"}]}""");
    private static final StructType TABLE =
            DdlParser.parse("id INT NOT NULL, tags ARRAY<STRING>, nothing ARRAY<STRING>");

    /** An update whose {@code before} image has {@code id} 1 and then the varints {@code arrays} (block counts, lengths). */
    private static byte[] update(long... arrays) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
        e.writeIndex(1); // before: Value
        e.writeInt(1);
        for (long v : arrays) {
            e.writeLong(v);
        }
        e.flush();
        return out.toByteArray();
    }

    private static DataException rejects(byte[] event) {
        AvroEnvelope envelope = new AvroEnvelope(ENVELOPE, TABLE, Set.of());
        BatchBuilder batch = new BatchBuilder(TABLE);
        batch.startRow();
        return assertThrows(DataException.class, () -> envelope.decodeInto(event, 0, event.length, batch));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aNegativeStringLengthInASkippedImageIsRefused() throws Exception {
        DataException e = rejects(update(2, -1, 0, 0, 0)); // two tags, the first of length -1
        assertTrue(e.getMessage().contains("Record is not valid Avro: a string claims -1 bytes"), e.getMessage());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aHugeCountOfZeroSizeItemsInASkippedImageIsRefused() throws Exception {
        DataException e = rejects(update(0, 1L << 50)); // no tags, then 2^50 nulls (Avro's own skip loops on them)
        assertTrue(e.getMessage().contains("items that take no bytes per record"), e.getMessage());
    }
}
