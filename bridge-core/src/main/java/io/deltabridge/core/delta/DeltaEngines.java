package io.deltabridge.core.delta;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/** The one place that builds a Delta Kernel {@link Engine}: the {@code delta:} settings become the Hadoop configuration. */
public final class DeltaEngines {
    private DeltaEngines() {}

    public static Engine create(Map<String, String> settings) {
        Configuration hadoopConf = new Configuration();
        settings.forEach(hadoopConf::set);
        return DefaultEngine.create(hadoopConf);
    }
}
