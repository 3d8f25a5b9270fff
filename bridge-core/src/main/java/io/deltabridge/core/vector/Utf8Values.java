package io.deltabridge.core.vector;

/**
 * A STRING or BINARY vector whose values sit in one byte array: value {@code row} is
 * {@code bytes()[start(row), end(row))}, so a writer can take the UTF-8 bytes without a {@code String}.
 */
public interface Utf8Values {
    byte[] bytes();

    int start(int rowId);

    int end(int rowId);
}
