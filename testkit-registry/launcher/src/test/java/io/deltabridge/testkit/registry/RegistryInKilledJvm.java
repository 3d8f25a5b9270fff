package io.deltabridge.testkit.registry;

/** Starts a registry, prints its process id and waits to be killed (see {@link ApicurioRegistryIT}). */
public final class RegistryInKilledJvm {
    private RegistryInKilledJvm() {}

    public static void main(String[] args) throws InterruptedException {
        ApicurioRegistry registry = ApicurioRegistry.start();
        System.out.println("registry-pid=" + registry.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
