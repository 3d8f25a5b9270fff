package io.deltabridge.k2d.delta;

import io.deltabridge.core.BridgeVersion;

/**
 * The {@code engineInfo} of the bridge's commits, {@code deltabridge/<version>}: Kernel prefixes its own
 * ({@code Kernel-4.4.0/deltabridge/0.1.0}), so {@code DESCRIBE HISTORY} names both writers and their versions.
 */
final class EngineInfo {
    static final String VALUE = "deltabridge/" + BridgeVersion.VERSION;

    private EngineInfo() {}
}
