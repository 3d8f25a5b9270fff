package io.deltabridge.spring;

import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.ConfigLoader;
import io.deltabridge.core.pipeline.Bridge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bridge of {@code deltabridge.*} ({@link DeltaBridgeProperties}) as a managed bean: the configuration is
 * parsed when the context starts (a wrong one fails the start with its file:line or key path), the bridge runs
 * with the context ({@link DeltaBridgeLifecycle}), its meters go to the application's {@link MeterRegistry} when
 * there is one, and with Actuator its readiness is the {@code deltaBridge} health indicator.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"
        })
@ConditionalOnClass(Bridge.class)
@ConditionalOnProperty(prefix = "deltabridge", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(DeltaBridgeProperties.class)
public class DeltaBridgeAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public BridgeConfig deltaBridgeConfig(DeltaBridgeProperties properties) {
        KafkaClientsVersion.requireOnClasspath();
        return properties.configFile() != null
                ? ConfigLoader.load(properties.configFile())
                : ConfigLoader.fromMap(properties.bridge(), System.getenv());
    }

    @Bean
    @ConditionalOnMissingBean
    public DeltaBridgeLifecycle deltaBridgeLifecycle(
            BridgeConfig config, DeltaBridgeProperties properties, ObjectProvider<MeterRegistry> meters) {
        return new DeltaBridgeLifecycle(config, properties, Optional.ofNullable(meters.getIfUnique()));
    }

    /** Only with Actuator on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {
        @Bean(name = "deltaBridge")
        @ConditionalOnMissingBean(name = "deltaBridge")
        DeltaBridgeHealthIndicator deltaBridgeHealthIndicator(DeltaBridgeLifecycle lifecycle) {
            return new DeltaBridgeHealthIndicator(lifecycle);
        }
    }
}
