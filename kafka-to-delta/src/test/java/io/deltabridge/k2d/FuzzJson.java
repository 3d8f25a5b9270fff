package io.deltabridge.k2d;

import io.deltabridge.k2d.BadInputFuzzIT.Input;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Seeded JSON records for {@link BadInputFuzzIT}: about half good (some with unknown fields for
 * {@code _rescued_data}, some huge), the rest bad in one of many ways. Every bad kind is bad by
 * construction, so the expected outcome never depends on the decoder under test.
 */
final class FuzzJson {
    static final String DDL = "id BIGINT NOT NULL, name STRING, amount DECIMAL(12,2), tags ARRAY<STRING>";
    private static final String[] TEXT = {"a", "é", "€", "😀", "\\n", "\\\"", "\\u00e9", "\\ud83d\\ude00", " ", "z"};

    private final Random random;
    private long nextId = 1;

    FuzzJson(Random random) {
        this.random = random;
    }

    Input next(int n) {
        if (random.nextBoolean()) {
            long id = nextId++;
            return Input.good(id, utf8(good(id)));
        }
        return bad(n);
    }

    private String good(long id) {
        StringBuilder name = new StringBuilder();
        int length = random.nextInt(50) == 0 ? 60_000 : random.nextInt(20); // now and then a huge record (~250 KB)
        for (int i = 0; i < length; i++) {
            name.append(TEXT[random.nextInt(TEXT.length)]);
        }
        String extra =
                random.nextInt(4) == 0 ? ",\"extra\":{\"deep\":" + "[".repeat(20) + "1" + "]".repeat(20) + "}" : "";
        return "{\"id\":" + id + ",\"name\":\"" + name + "\",\"amount\":\"" + random.nextInt(1000) + "."
                + random.nextInt(10) + "0\"," + "\"tags\":[\"t" + random.nextInt(9) + "\",null]" + extra + "}";
    }

    private Input bad(int n) {
        String sample = good(1_000_000 + n);
        return switch (random.nextInt(16)) {
            case 0 -> Input.bad(n, "truncated", utf8(sample.substring(0, random.nextInt(sample.length() - 1))));
            case 1 -> {
                byte[] bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
                yield Input.bad(n, "random-bytes", bytes);
            }
            case 2 -> Input.bad(n, "wrong-type-id", utf8("{\"id\":\"" + n + "\"}"));
            case 3 -> Input.bad(n, "wrong-type-amount", utf8("{\"id\":" + n + ",\"amount\":[1]}"));
            case 4 -> Input.bad(n, "missing-id", utf8("{\"name\":\"no id\"}"));
            case 5 ->
                Input.bad(
                        n,
                        "invalid-utf8",
                        concat(utf8("{\"id\":" + n + ",\"name\":\""), new byte[] {(byte) 0xC3, 0x28}, utf8("\"}")));
            case 6 -> Input.bad(n, "lone-surrogate", utf8("{\"id\":" + n + ",\"name\":\"a\\udc00b\"}"));
            case 7 ->
                Input.bad(
                        n,
                        "deep-nesting",
                        utf8("{\"id\":" + n + ",\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"));
            case 8 ->
                Input.bad(
                        n,
                        "not-an-object",
                        utf8(new String[] {"[1,2]", "\"s\"", "42", "null", "true"}[random.nextInt(5)]));
            case 9 -> Input.bad(n, "empty", new byte[0]);
            case 10 -> Input.bad(n, "tombstone", null);
            case 11 -> Input.bad(n, "huge-bad", utf8("{\"id\":" + n + ",\"amount\":\"" + "9".repeat(700_000) + "x\"}"));
            case 12 -> Input.bad(n, "trailing-data", utf8(sample + "{\"id\":" + n + "}"));
            case 13 -> Input.bad(n, "id-overflow", utf8("{\"id\":99999999999999999999999}"));
            case 14 -> Input.bad(n, "null-id", utf8("{\"id\":null,\"name\":\"x\"}"));
            default -> {
                byte[] mangled = utf8(sample);
                mangled = Arrays.copyOf(mangled, mangled.length - 1 - random.nextInt(3)); // a missing closing brace
                yield Input.bad(n, "unclosed", mangled);
            }
        };
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
