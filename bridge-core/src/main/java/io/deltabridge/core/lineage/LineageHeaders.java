package io.deltabridge.core.lineage;

import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.HeaderSet;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The lineage headers of SPEC §7, written on every delta → kafka event and read back by
 * kafka → delta (the {@code _lineage} column and the loop guard). Values are UTF-8 strings.
 *
 * <p>Writing: {@link #encoder} once per mapping, {@link Encoder#forVersion} once per table
 * version, {@link VersionHeaders#of} once per event; everything that does not change per event
 * is encoded once and shared, so an event costs one small byte array (its {@code ce_id}).
 *
 * <p>Reading: {@link #decode} keeps every {@code deltabridge.*} and {@code ce_*} header;
 * {@link #source} gives the table the record came from.
 */
public final class LineageHeaders {
    public static final String SOURCE = "deltabridge.source";
    public static final String TABLE_ID = "deltabridge.table.id";
    public static final String VERSION = "deltabridge.version";
    public static final String COMMIT_TIMESTAMP = "deltabridge.commit.timestamp";
    public static final String CHANGE_TYPE = "deltabridge.change.type";
    public static final String BRIDGE = "deltabridge.bridge";
    public static final String MAPPING = "deltabridge.mapping";
    public static final String CE_SPECVERSION = "ce_specversion";
    public static final String CE_ID = "ce_id";
    public static final String CE_SOURCE = "ce_source";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";

    /** Every header an event carries, in the order they are written. */
    public static final List<String> ALL = List.of(
            SOURCE,
            TABLE_ID,
            VERSION,
            COMMIT_TIMESTAMP,
            CHANGE_TYPE,
            BRIDGE,
            MAPPING,
            CE_SPECVERSION,
            CE_ID,
            CE_SOURCE,
            CE_TYPE,
            CE_TIME,
            CONTENT_TYPE);

    public static final String CLOUDEVENTS_SPEC_VERSION = "1.0";
    public static final String CE_TYPE_PREFIX = "io.deltabridge.change.";
    public static final String CONTENT_TYPE_JSON = "application/json";
    public static final String CONTENT_TYPE_AVRO = "application/avro";

    private static final String LINEAGE_PREFIX = "deltabridge.";
    private static final String CLOUDEVENTS_PREFIX = "ce_";

    private LineageHeaders() {}

    /** Whether a header belongs to the lineage kept by kafka → delta ({@code deltabridge.*} or {@code ce_*}). */
    public static boolean isLineage(String headerName) {
        return headerName.startsWith(LINEAGE_PREFIX) || headerName.startsWith(CLOUDEVENTS_PREFIX);
    }

    /** The {@code deltabridge.change.type} value of a change kind ({@code update} is the post-image). */
    public static String changeType(ChangeKind kind) {
        return switch (kind) {
            case INSERT -> "insert";
            case UPDATE -> "update_postimage";
            case DELETE -> "delete";
        };
    }

    /** The {@code ce_type} value of a change kind. */
    public static String cloudEventType(ChangeKind kind) {
        return CE_TYPE_PREFIX + kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Every {@code deltabridge.*} and {@code ce_*} header, by name (the last one wins when a name
     * repeats), as UTF-8 text; the value of the {@code _lineage} column.
     */
    public static Map<String, String> decode(Headers headers) {
        Map<String, String> lineage = new LinkedHashMap<>();
        for (Header h : headers) {
            if (isLineage(h.key())) {
                lineage.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return lineage;
    }

    /**
     * The loop guard of SPEC §5: whether the record came from {@code normalizedTableUri} (compare
     * with {@link io.deltabridge.core.delta.TableUris#normalize}d names).
     */
    public static boolean comesFrom(Headers headers, String normalizedTableUri) {
        Header h = headers.lastHeader(SOURCE);
        return h != null && h.value() != null && isUtf8Of(h.value(), normalizedTableUri);
    }

    /** Whether {@code utf8} decodes to {@code s}; ASCII (any table URI in practice) is compared without decoding. */
    private static boolean isUtf8Of(byte[] utf8, String s) {
        for (byte b : utf8) {
            if (b < 0) {
                return new String(utf8, StandardCharsets.UTF_8).equals(s);
            }
        }
        if (utf8.length != s.length()) {
            return false;
        }
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The encoder of a delta → kafka mapping of the bridge named {@code bridge}.
     *
     * @param tableUri the table URI as normalised by {@link io.deltabridge.core.delta.TableUris}
     */
    public static Encoder encoder(String bridge, DeltaToKafkaMapping mapping, String tableUri) {
        return encoder(
                bridge,
                mapping.name(),
                tableUri,
                mapping.format() == Format.AVRO ? CONTENT_TYPE_AVRO : CONTENT_TYPE_JSON,
                mapping.headers());
    }

    /**
     * An encoder for one mapping.
     *
     * @param tableUri    the table URI as normalised by {@link io.deltabridge.core.delta.TableUris}
     * @param contentType {@link #CONTENT_TYPE_JSON} or {@link #CONTENT_TYPE_AVRO}
     * @param written     all headers, or the {@code deltabridge.*} lineage only
     */
    public static Encoder encoder(
            String bridge, String mapping, String tableUri, String contentType, HeaderSet written) {
        return new Encoder(bridge, mapping, tableUri, contentType, written == HeaderSet.ALL);
    }

    /** The headers that stay the same for every event of one mapping. */
    public static final class Encoder {
        private final Header source;
        private final Header bridge;
        private final Header mapping;
        private final Header specVersion;
        private final Header ceSource;
        private final Header contentType;
        private final Header[][] changeHeaders = new Header[ChangeKind.values().length][];
        private final boolean cloudEvents;

        private Encoder(String bridge, String mapping, String tableUri, String contentType, boolean cloudEvents) {
            this.cloudEvents = cloudEvents;
            this.source = header(SOURCE, tableUri);
            this.bridge = header(BRIDGE, bridge);
            this.mapping = header(MAPPING, mapping);
            this.specVersion = header(CE_SPECVERSION, CLOUDEVENTS_SPEC_VERSION);
            this.ceSource = header(CE_SOURCE, tableUri);
            this.contentType = header(CONTENT_TYPE, contentType);
            for (ChangeKind kind : ChangeKind.values()) {
                changeHeaders[kind.ordinal()] =
                        new Header[] {header(CHANGE_TYPE, changeType(kind)), header(CE_TYPE, cloudEventType(kind))};
            }
        }

        /** The headers of the events of one table version. */
        public VersionHeaders forVersion(String tableId, long version, long commitTimestampMillis) {
            return new VersionHeaders(this, tableId, version, commitTimestampMillis);
        }
    }

    /** The headers of the events of one table version; {@link #of} builds one event's headers. */
    public static final class VersionHeaders {
        private final Encoder encoder;
        private final Header tableId;
        private final Header version;
        private final Header commitTimestamp;
        private final Header ceTime;
        private final byte[] ceIdPrefix;

        private VersionHeaders(Encoder encoder, String tableId, long version, long commitTimestampMillis) {
            this.encoder = encoder;
            this.tableId = header(TABLE_ID, tableId);
            this.version = header(VERSION, Long.toString(version));
            this.commitTimestamp = header(COMMIT_TIMESTAMP, Long.toString(commitTimestampMillis));
            // Instant.toString is ISO-8601 in UTC with 'Z', a valid RFC 3339 date-time
            this.ceTime =
                    header(CE_TIME, Instant.ofEpochMilli(commitTimestampMillis).toString());
            this.ceIdPrefix = (tableId + ":" + version + ":").getBytes(StandardCharsets.UTF_8);
        }

        /** The headers of the event at {@code ordinal} (its position among the version's change rows). */
        public Headers of(ChangeKind kind, long ordinal) {
            Header[] change = encoder.changeHeaders[kind.ordinal()];
            if (!encoder.cloudEvents) {
                return new EventHeaders(new Header[] {
                    encoder.source, tableId, version, commitTimestamp, change[0], encoder.bridge, encoder.mapping
                });
            }
            return new EventHeaders(new Header[] {
                encoder.source,
                tableId,
                version,
                commitTimestamp,
                change[0],
                encoder.bridge,
                encoder.mapping,
                encoder.specVersion,
                new RecordHeader(CE_ID, ceId(ordinal)),
                encoder.ceSource,
                change[1],
                ceTime,
                encoder.contentType
            });
        }

        /** {@code <table id>:<version>:<ordinal>} without going through a String. */
        private byte[] ceId(long ordinal) {
            int digits = 1;
            for (long n = ordinal; n >= 10; n /= 10) {
                digits++;
            }
            byte[] id = new byte[ceIdPrefix.length + digits];
            System.arraycopy(ceIdPrefix, 0, id, 0, ceIdPrefix.length);
            long rest = ordinal;
            for (int i = id.length - 1; i >= ceIdPrefix.length; i--) {
                id[i] = (byte) ('0' + rest % 10);
                rest /= 10;
            }
            return id;
        }
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
