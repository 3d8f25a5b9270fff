package io.deltabridge.core.config;

/** What kafka → delta does when an offset stored in the table is no longer in the partition's log. */
public enum OnOffsetGap {
    /** Stop with a data error (exit 3): records were deleted unread, or the topic is not the one read before. */
    FAIL,
    /** Resume at the log's start, logging and counting the offsets skipped. */
    SKIP
}
