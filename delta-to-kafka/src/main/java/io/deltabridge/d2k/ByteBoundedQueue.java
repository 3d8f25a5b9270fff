package io.deltabridge.d2k;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;

/**
 * A hand-over queue from one thread to another, bounded by the bytes of what waits in it rather than by a count: the
 * items (chunks of encoded events) differ in size by the width of a table's rows, and a count bound lets wide rows
 * take hundreds of MiB of heap. An item larger than the whole capacity still goes through, alone.
 */
final class ByteBoundedQueue<T> {
    private final long capacityBytes;
    private final ToLongFunction<T> bytesOf;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private long queuedBytes;

    ByteBoundedQueue(long capacityBytes, ToLongFunction<T> bytesOf) {
        this.capacityBytes = capacityBytes;
        this.bytesOf = bytesOf;
    }

    /** Adds {@code item}, waiting while it would take the queue over its capacity (an empty queue takes anything). */
    void put(T item) throws InterruptedException {
        long bytes = bytesOf.applyAsLong(item);
        lock.lockInterruptibly();
        try {
            while (!items.isEmpty() && queuedBytes + bytes > capacityBytes) {
                notFull.await();
            }
            items.addLast(item);
            queuedBytes += bytes;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The first item, waiting for one as long as it takes. */
    T take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                notEmpty.await();
            }
            return removeFirst();
        } finally {
            lock.unlock();
        }
    }

    /** The first item, or null when none came within {@code timeout}. */
    T poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return removeFirst();
        } finally {
            lock.unlock();
        }
    }

    void clear() {
        lock.lock();
        try {
            items.clear();
            queuedBytes = 0;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private T removeFirst() {
        T item = items.removeFirst();
        queuedBytes -= bytesOf.applyAsLong(item);
        notFull.signal();
        return item;
    }
}
