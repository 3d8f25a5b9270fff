package io.deltabridge.examples.spring;

import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.ConfigLoader;
import io.deltabridge.core.pipeline.Bridge;
import io.deltabridge.core.pipeline.PipelineListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the bridge continuously while the application runs: started after the context is ready,
 * stopped (each mapping finishing or aborting its transaction) before the context closes.
 * A failed mapping stays failed (reported DOWN by {@link BridgeHealthIndicator}) until restart.
 */
@Component
public class BridgeLifecycle implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(BridgeLifecycle.class);

    private final BridgeConfig config;
    private final DeltaBridgeProperties properties;
    private final Map<String, Exception> failures = new ConcurrentHashMap<>();
    private volatile Bridge bridge;

    public BridgeLifecycle(DeltaBridgeProperties properties) {
        this.properties = properties;
        // parsed at startup: a wrong configuration fails the application start, with file:line or key path
        this.config = properties.configFile() != null
                ? ConfigLoader.load(properties.configFile())
                : ConfigLoader.fromMap(properties.bridge(), System.getenv());
    }

    @Override
    public synchronized void start() {
        bridge = Bridge.builder()
                .config(config)
                .mappings(properties.mappings())
                .listener(new PipelineListener() {
                    @Override
                    public void onVersionPublished(String mapping, long version, long events) {
                        log.info("{}: published version {} ({} events)", mapping, version, events);
                    }

                    @Override
                    public void onBatchCommitted(String mapping, long tableVersion, long records) {
                        log.info("{}: committed table version {} ({} records)", mapping, tableVersion, records);
                    }

                    @Override
                    public void onFailure(String mapping, Exception error) {
                        log.error("{} stopped: {}", mapping, error.getMessage());
                        failures.put(mapping, error);
                    }
                })
                .build();
        bridge.start();
    }

    @Override
    public synchronized void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Override
    public boolean isRunning() {
        Bridge b = bridge;
        return b != null && b.isRunning();
    }

    /** Before the default phase: metrics and health find the pipelines when they start. */
    @Override
    public int getPhase() {
        return 0;
    }

    /** The running bridge, or null before start. */
    public Bridge bridge() {
        return bridge;
    }

    public BridgeConfig config() {
        return config;
    }

    /** Mappings that failed, with their error. */
    public Map<String, Exception> failures() {
        return Map.copyOf(failures);
    }
}
