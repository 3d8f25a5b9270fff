package io.deltabridge.testkit;

import io.deltabridge.embedded.EmbeddedKafkaBroker;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension that starts an {@link EmbeddedKafkaBroker} and resolves {@link KafkaCluster} and
 * {@link EmbeddedKafkaBroker} parameters. Use it through {@link WithKafkaBroker} or
 * {@code @ExtendWith(KafkaBrokerExtension.class)} (one broker per test class).
 *
 * <p>A per-class broker lives in the class's extension store (so {@code @Nested} classes reuse it) and
 * is closed after the class; a shared broker lives in the root store and is closed when the test
 * run ends.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaCluster.class || type == EmbeddedKafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        KafkaCluster cluster = cluster(context);
        if (cluster == null) {
            throw new ParameterResolutionException("no Kafka broker for " + context.getDisplayName());
        }
        return parameter.getParameter().getType() == KafkaCluster.class ? cluster : cluster.broker();
    }

    /** The broker this context uses, started on first use. */
    private static KafkaCluster cluster(ExtensionContext context) {
        return ServerScope.server(context, NAMESPACE, isShared(context), KafkaCluster.class, KafkaCluster::start);
    }

    private static boolean isShared(ExtensionContext context) {
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            Optional<WithKafkaBroker> annotation = AnnotationSupport.findAnnotation(c, WithKafkaBroker.class);
            if (annotation.isPresent()) {
                return annotation.get().shared();
            }
        }
        return false;
    }

    /** The innermost class-level context (test methods resolve parameters from their own, shorter-lived context). */
}
