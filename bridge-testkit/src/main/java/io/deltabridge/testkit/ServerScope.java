package io.deltabridge.testkit;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Where a test server lives in JUnit's stores: one per JVM (root store) when shared, else one per
 * test class, reused by its {@code @Nested} classes. The store closes the server with its context.
 */
final class ServerScope {
    private static final String PER_CLASS = "per-class";
    private static final String SHARED = "shared";

    private ServerScope() {}

    static <T> T server(
            ExtensionContext context,
            ExtensionContext.Namespace namespace,
            boolean shared,
            Class<T> type,
            Supplier<T> start) {
        if (shared) {
            return context.getRoot().getStore(namespace).getOrComputeIfAbsent(SHARED, key -> start.get(), type);
        }
        ExtensionContext.Store store = classContext(context).getStore(namespace);
        // get() also looks in the enclosing classes' stores: @Nested classes reuse the outer server
        T inherited = store.get(PER_CLASS, type);
        return inherited != null ? inherited : store.getOrComputeIfAbsent(PER_CLASS, key -> start.get(), type);
    }

    /** The context of the test class (not of the method) that {@code context} belongs to. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }
}
