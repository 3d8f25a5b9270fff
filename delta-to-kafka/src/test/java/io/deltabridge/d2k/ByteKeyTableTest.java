package io.deltabridge.d2k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteKeyTableTest {
    private final ByteKeyTable table = new ByteKeyTable();

    @Test
    void numbersDistinctKeysInTheOrderFirstAddedAndFindsThemByContent() {
        assertEquals(0, table.add(bytes("customer-1")));
        assertEquals(1, table.add(bytes("customer-2")));
        assertEquals(0, table.add(bytes("customer-1")), "an equal key from another array");
        assertEquals(2, table.add(new byte[0]));
        assertEquals(3, table.size());
        assertEquals(1, table.indexOf(bytes("customer-2")));
        assertEquals(2, table.indexOf(new byte[0]));
    }

    @Test
    void aPrefixOrAnExtensionOfAKeyIsAnotherKey() {
        table.add(bytes("ab"));
        assertEquals(-1, table.indexOf(bytes("a")));
        assertEquals(-1, table.indexOf(bytes("abc")));
        assertEquals(-1, table.indexOf(new byte[0]));
        assertEquals(1, table.add(bytes("abc")));
        assertEquals(2, table.add(bytes("a")));
        assertEquals(0, table.indexOf(bytes("ab")));
    }

    @Test
    void keysOfOneHashStayApart() {
        // equal polynomial hashes (as String.hashCode: "Aa" and "BB"), so equal in every slot of any table size
        byte[][] colliding = {bytes("AaAa"), bytes("AaBB"), bytes("BBAa"), bytes("BBBB")};
        assertEquals(Arrays.hashCode(colliding[0]), Arrays.hashCode(colliding[3]));
        for (int i = 0; i < colliding.length; i++) {
            assertEquals(i, table.add(colliding[i]));
        }
        for (int i = 0; i < colliding.length; i++) {
            assertEquals(i, table.indexOf(colliding[i].clone()));
        }
    }

    @Test
    void agreesWithAHashMapOverManyKeysAsItGrows() {
        Random random = new Random(42);
        Map<ByteBuffer, Integer> expected = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            byte[] key = new byte[random.nextInt(12)];
            random.nextBytes(key);
            Integer known = expected.putIfAbsent(ByteBuffer.wrap(key), expected.size());
            assertEquals(known == null ? expected.size() - 1 : known, table.add(key.clone()));
        }
        assertEquals(expected.size(), table.size());
        expected.forEach((key, ordinal) -> assertEquals(ordinal, table.indexOf(key.array())));
        for (int i = 0; i < 10_000; i++) {
            byte[] other = new byte[12 + random.nextInt(4)];
            random.nextBytes(other);
            assertEquals(-1, table.indexOf(other));
        }
    }

    @Test
    void clearForgetsEveryKeyAndNumbersFromZeroAgain() {
        for (int i = 0; i < 10_000; i++) {
            table.add(bytes("key-" + i));
        }
        table.clear();
        assertEquals(0, table.size());
        assertEquals(-1, table.indexOf(bytes("key-7")));
        assertEquals(0, table.add(bytes("key-9")));
        assertEquals(1, table.add(bytes("key-7")));
        assertEquals(0, table.indexOf(bytes("key-9")));
    }

    @Test
    void aNullKeyIsRefused() {
        assertThrows(NullPointerException.class, () -> table.add(null));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
