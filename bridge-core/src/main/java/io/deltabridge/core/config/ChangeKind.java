package io.deltabridge.core.config;

/** The change types a delta → kafka mapping publishes ({@code update} means update_postimage). */
public enum ChangeKind {
    INSERT,
    UPDATE,
    DELETE
}
