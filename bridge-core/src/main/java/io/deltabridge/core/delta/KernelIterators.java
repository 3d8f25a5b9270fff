package io.deltabridge.core.delta;

import io.delta.kernel.utils.CloseableIterator;
import java.util.Iterator;
import java.util.List;

/**
 * Kernel takes its inputs (data batches, files to read) as {@link CloseableIterator}s; these wrap
 * values already in memory, which hold nothing to close. Kernel's own helpers for this are internal API.
 */
public final class KernelIterators {
    private KernelIterators() {}

    public static <T> CloseableIterator<T> of(Iterator<T> values) {
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return values.hasNext();
            }

            @Override
            public T next() {
                return values.next();
            }

            @Override
            public void close() {}
        };
    }

    public static <T> CloseableIterator<T> of(List<T> values) {
        return of(values.iterator());
    }

    public static <T> CloseableIterator<T> single(T value) {
        return of(List.of(value));
    }
}
