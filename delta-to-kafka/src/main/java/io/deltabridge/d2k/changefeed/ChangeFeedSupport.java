package io.deltabridge.d2k.changefeed;

import java.util.Map;

/** Whether a table's configuration records the change data feed. */
final class ChangeFeedSupport {
    static final String ENABLE_PROPERTY = "delta.enableChangeDataFeed";

    private ChangeFeedSupport() {}

    static boolean isEnabled(Map<String, String> tableProperties) {
        return "true"
                .equalsIgnoreCase(
                        tableProperties.getOrDefault(ENABLE_PROPERTY, "false").trim());
    }
}
