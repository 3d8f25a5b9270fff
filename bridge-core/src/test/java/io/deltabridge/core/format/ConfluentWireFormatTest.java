package io.deltabridge.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.error.DataException;
import org.junit.jupiter.api.Test;

class ConfluentWireFormatTest {

    @Test
    void framesWithMagicByteAndBigEndianId() {
        byte[] framed = ConfluentWireFormat.frame(0x01020304, new byte[] {42, 43});
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 42, 43}, framed);
        assertEquals(0x01020304, ConfluentWireFormat.schemaId(framed));
    }

    @Test
    void readsIdsWithTheHighBitSet() {
        byte[] framed = ConfluentWireFormat.frame(0xFFFFFFFE, new byte[0]);
        assertEquals(0xFFFFFFFE, ConfluentWireFormat.schemaId(framed));
        assertEquals(ConfluentWireFormat.HEADER_SIZE, framed.length);
    }

    @Test
    void writesTheHeaderInPlace() {
        byte[] buffer = new byte[8];
        ConfluentWireFormat.writeHeader(258, buffer, 3);
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 1, 2}, buffer);
    }

    @Test
    void rejectsShortInput() {
        DataException e = assertThrows(DataException.class, () -> ConfluentWireFormat.schemaId(new byte[] {0, 0, 1}));
        assertTrue(e.getMessage().contains("3 bytes"), e.getMessage());
        assertTrue(e.fix() != null);
        assertThrows(DataException.class, () -> ConfluentWireFormat.schemaId(null));
    }

    @Test
    void rejectsAWrongMagicByte() {
        DataException e = assertThrows(DataException.class, () -> ConfluentWireFormat.schemaId("{\"a\":1}".getBytes()));
        assertTrue(e.getMessage().contains("first byte is 123"), e.getMessage());
    }
}
