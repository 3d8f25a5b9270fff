package io.deltabridge.core.pipeline;

import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.config.MappingConfig;
import io.deltabridge.core.error.Problem;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds the {@link PipelineProvider} of each mapping's direction with {@link ServiceLoader},
 * so an application only needs the direction modules it uses on its classpath.
 */
final class Pipelines {
    private final List<PipelineProvider> providers;

    private Pipelines(List<PipelineProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    static Pipelines discover(ClassLoader classLoader) {
        return new Pipelines(ServiceLoader.load(PipelineProvider.class, classLoader).stream()
                .map(ServiceLoader.Provider::get)
                .toList());
    }

    Pipeline create(BridgeContext context, MappingConfig mapping) {
        for (PipelineProvider provider : providers) {
            if (provider.supports(mapping)) {
                return provider.create(context, mapping);
            }
        }
        throw missingModule(context, mapping);
    }

    private static RuntimeException missingModule(BridgeContext context, MappingConfig mapping) {
        boolean out = mapping instanceof DeltaToKafkaMapping;
        String module = out ? "delta-to-kafka" : "kafka-to-delta";
        return context.config()
                .source()
                .errorAt(
                        "mappings[" + mapping.index() + "]",
                        Problem.of(
                                        "Mapping '%s' is %s but no pipeline for that direction is available",
                                        mapping.name(), out ? "delta → kafka" : "kafka → delta")
                                .because("the module io.deltabridge:%s is not on the classpath", module)
                                .fix("add the dependency io.deltabridge:%s (the bridge CLI includes it)", module));
    }
}
