package io.deltabridge.core.config;

/** Which headers of SPEC §7 a delta → kafka event carries. */
public enum HeaderSet {
    /** All 13: the {@code deltabridge.*} lineage, CloudEvents' binary mode ({@code ce_*}) and {@code content-type}. */
    ALL,
    /**
     * The seven {@code deltabridge.*} lineage headers only: what kafka → delta reads back (lineage column, loop guard,
     * upserts) and what a mapping uses to recognise its own events: a fifth to a third less producer CPU per event.
     */
    LINEAGE
}
