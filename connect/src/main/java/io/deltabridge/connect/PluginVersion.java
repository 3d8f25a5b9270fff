package io.deltabridge.connect;

/** The version the connectors report to Connect: the plugin jar's, from its manifest. */
final class PluginVersion {
    static final String VERSION = versionOf(PluginVersion.class.getPackage().getImplementationVersion());

    private PluginVersion() {}

    private static String versionOf(String manifestVersion) {
        return manifestVersion == null ? "unknown" : manifestVersion;
    }
}
