package io.deltabridge.core.format;

import io.deltabridge.core.error.DataException;
import io.deltabridge.core.error.Problem;

/**
 * The Confluent wire format of a registry-encoded Kafka key or value: magic byte {@code 0}, the
 * schema id as 4 bytes big-endian, then the payload (Avro binary).
 */
public final class ConfluentWireFormat {
    /** The first byte of every framed message. */
    public static final byte MAGIC = 0;
    /** Bytes before the payload: magic byte and schema id. */
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {}

    /** Writes the header for {@code schemaId} at {@code buffer[offset .. offset + 4]}. */
    public static void writeHeader(int schemaId, byte[] buffer, int offset) {
        buffer[offset] = MAGIC;
        buffer[offset + 1] = (byte) (schemaId >>> 24);
        buffer[offset + 2] = (byte) (schemaId >>> 16);
        buffer[offset + 3] = (byte) (schemaId >>> 8);
        buffer[offset + 4] = (byte) schemaId;
    }

    /** A new framed message: header for {@code schemaId} followed by {@code payload}. */
    public static byte[] frame(int schemaId, byte[] payload) {
        byte[] framed = new byte[HEADER_SIZE + payload.length];
        writeHeader(schemaId, framed, 0);
        System.arraycopy(payload, 0, framed, HEADER_SIZE, payload.length);
        return framed;
    }

    /**
     * The schema id of a framed message; the payload starts at {@link #HEADER_SIZE}.
     *
     * @throws DataException when the bytes are null, shorter than the header or do not start with the magic byte
     */
    public static int schemaId(byte[] message) {
        return schemaId(message, 0, message == null ? 0 : message.length);
    }

    /**
     * The schema id of the framed message {@code data[offset, offset + length)}; its payload starts at
     * {@code offset + HEADER_SIZE}.
     *
     * @throws DataException when the bytes are null, shorter than the header or do not start with the magic byte
     */
    public static int schemaId(byte[] data, int offset, int length) {
        if (data == null || length < HEADER_SIZE) {
            throw Problem.of("Cannot read a registry-encoded (Confluent wire format) message")
                    .because(
                            data == null
                                    ? "the message is null"
                                    : "it has " + length
                                            + " bytes, fewer than the 5-byte header (magic byte 0, 4-byte schema id)")
                    .fix(
                            "produce the topic with a Confluent-compatible Avro serializer, or use format: json for this mapping")
                    .data();
        }
        if (data[offset] != MAGIC) {
            throw Problem.of("Cannot read a registry-encoded (Confluent wire format) message")
                    .because("its first byte is %d, not the magic byte 0", data[offset] & 0xff)
                    .fix(
                            "produce the topic with a Confluent-compatible Avro serializer, or use format: json for this mapping")
                    .data();
        }
        return ((data[offset + 1] & 0xff) << 24)
                | ((data[offset + 2] & 0xff) << 16)
                | ((data[offset + 3] & 0xff) << 8)
                | (data[offset + 4] & 0xff);
    }
}
