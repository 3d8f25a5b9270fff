package io.deltabridge.testkit;

import io.deltabridge.core.config.RegistryConfig;
import io.deltabridge.testkit.registry.ApicurioRegistry;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension that runs a real Confluent-API schema registry (Apicurio Registry, see
 * {@link ApicurioRegistry}) and injects it into constructor, {@code @BeforeAll}, {@code @BeforeEach}
 * and test method parameters of type {@link ApicurioRegistry}, {@link RegistryConfig} (no auth) or
 * {@code @SchemaRegistryExtension.Url String} (the Confluent API base URL).
 *
 * <pre>{@code
 * @ExtendWith(SchemaRegistryExtension.class)
 * class AvroSinkIT {
 *     @Test
 *     void decodes(RegistryConfig registry, @SchemaRegistryExtension.Url String url) { ... }
 * }
 * }</pre>
 *
 * <p>One registry per test class (and its {@code @Nested} classes), stopped after it; with
 * {@link Shared @SchemaRegistryExtension.Shared} on the class, one registry for the whole test JVM,
 * stopped at the end of the run (use distinct subjects). The registry enforces BACKWARD compatibility
 * like Confluent's default.
 */
public final class SchemaRegistryExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SchemaRegistryExtension.class);

    /** Marks a {@code String} parameter that receives the Confluent API base URL ({@code http://127.0.0.1:<port>/apis/ccompat/v7}). */
    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    public @interface Url {}

    /** On a test class: share one registry among every such class of the test JVM. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Inherited
    public @interface Shared {}

    @Override
    public void beforeAll(ExtensionContext context) {
        registry(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ApicurioRegistry.class
                || type == RegistryConfig.class
                || (type == String.class && parameter.isAnnotated(Url.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ApicurioRegistry registry = registry(context);
        if (registry == null) {
            throw new ParameterResolutionException("no schema registry for " + context.getDisplayName());
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == ApicurioRegistry.class) {
            return registry;
        }
        if (type == RegistryConfig.class) {
            return new RegistryConfig(registry.confluentUrl(), Optional.empty(), Map.of());
        }
        return registry.confluentUrl();
    }

    /** The registry this context uses, started on first use; the store closes it with its context. */
    private static ApicurioRegistry registry(ExtensionContext context) {
        return ServerScope.server(
                context, NAMESPACE, isShared(context), ApicurioRegistry.class, ApicurioRegistry::start);
    }

    private static boolean isShared(ExtensionContext context) {
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            if (AnnotationSupport.isAnnotated(c, Shared.class)) {
                return true;
            }
        }
        return false;
    }

    /** The innermost class-level context (test methods resolve parameters from their own, shorter-lived context). */
}
