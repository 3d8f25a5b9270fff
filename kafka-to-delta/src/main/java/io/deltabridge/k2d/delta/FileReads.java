package io.deltabridge.k2d.delta;

/** What one upsert plan read to find the files holding a changed key: a file's key columns, or only the key index. */
final class FileReads {
    private long answeredByIndex;
    private long keysRead;
    private long keysReadBytes;

    void countAnswered() {
        answeredByIndex++;
    }

    void countRead(long fileBytes) {
        keysRead++;
        keysReadBytes += fileBytes;
    }

    /** Candidate files whose key columns were read. */
    long keysRead() {
        return keysRead;
    }

    /** Candidate files the key index answered for, unread. */
    long answeredByIndex() {
        return answeredByIndex;
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "%d candidate files, %d answered by the key index, %d read for their keys (%d KiB of files)",
                answeredByIndex + keysRead,
                answeredByIndex,
                keysRead,
                keysReadBytes / 1024);
    }
}
