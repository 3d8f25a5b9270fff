package io.deltabridge.examples.mappings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every manifest of examples/kubernetes read into the Kubernetes API types (fabric8's model, generated
 * from the Kubernetes OpenAPI schema; no cluster) with wrong types and unknown fields refused, so a
 * misspelt or misplaced field fails; then the Pod Security "restricted" profile's rules on each pod template, and what the
 * example promises (IRSA with the AWS SDK v2 provider, a PodDisruptionBudget matching the Deployment,
 * startingDeadlineSeconds on the CronJob).
 */
class KubernetesManifestsTest {
    private static final Path DIR = Path.of(System.getProperty("basedir", "."))
            .toAbsolutePath()
            .resolve("../kubernetes")
            .normalize();
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Deployment",
            Deployment.class,
            "CronJob",
            CronJob.class,
            "ConfigMap",
            ConfigMap.class,
            "Secret",
            Secret.class,
            "ServiceAccount",
            ServiceAccount.class,
            "PodDisruptionBudget",
            PodDisruptionBudget.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Test
    void everyManifestIsAValidKubernetesObjectAndPodsPassTheRestrictedProfile() throws IOException {
        List<HasMetadata> objects = manifests();
        assertEquals(6, objects.size(), "objects in " + DIR);
        for (HasMetadata o : objects) {
            if (o instanceof Deployment d) {
                assertRestricted(
                        d.getMetadata().getName(), d.getSpec().getTemplate().getSpec());
            } else if (o instanceof CronJob c) {
                assertRestricted(
                        c.getMetadata().getName(),
                        c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec());
                assertNotNull(c.getSpec().getStartingDeadlineSeconds(), "startingDeadlineSeconds");
            }
        }
    }

    @Test
    void theDeploymentHasItsDisruptionBudgetAndS3CredentialsComeFromIrsa() throws IOException {
        List<HasMetadata> objects = manifests();
        Deployment deployment = only(objects, Deployment.class);
        PodDisruptionBudget budget = only(objects, PodDisruptionBudget.class);
        assertEquals(
                deployment.getSpec().getSelector().getMatchLabels(),
                budget.getSpec().getSelector().getMatchLabels());
        ServiceAccount account = only(objects, ServiceAccount.class);
        assertTrue(
                account.getMetadata().getAnnotations().containsKey("eks.amazonaws.com/role-arn"),
                "IRSA role annotation");
        assertEquals(
                account.getMetadata().getName(),
                deployment.getSpec().getTemplate().getSpec().getServiceAccountName());
        String mapping = only(objects, ConfigMap.class).getData().get("bridge.yaml");
        assertTrue(
                mapping.contains(
                        "fs.s3a.aws.credentials.provider: software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider"),
                "the AWS SDK v2 web identity provider");
        assertFalse(mapping.contains("com.amazonaws."), "no AWS SDK v1 class (gone from hadoop-aws 3.4)");
    }

    @Test
    void theDeploymentsProbesAndScrapeAnnotationsPointAtTheBridgesHttpEndpoint() throws IOException {
        Deployment deployment = only(manifests(), Deployment.class);
        Container bridge =
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        List<String> args = bridge.getArgs();
        int port = Integer.parseInt(argAfter(args, "--http-port"));
        assertEquals(
                "0.0.0.0",
                argAfter(args, "--http-host"),
                "the kubelet probes the pod's address: an endpoint on loopback (the default) would never answer");
        assertProbe("startup", bridge.getStartupProbe(), "/health/live", port, bridge);
        assertProbe("liveness", bridge.getLivenessProbe(), "/health/live", port, bridge);
        assertProbe("readiness", bridge.getReadinessProbe(), "/health/ready", port, bridge);
        Map<String, String> annotations =
                deployment.getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals(String.valueOf(port), annotations.get("prometheus.io/port"));
        assertEquals("/metrics", annotations.get("prometheus.io/path"));
    }

    private static String argAfter(List<String> args, String option) {
        int at = args.indexOf(option);
        assertTrue(at >= 0 && at + 1 < args.size(), option + " in " + args);
        return args.get(at + 1);
    }

    /** An HTTP GET probe of {@code path} on {@code port}, by number or by the name of the container's port. */
    private static void assertProbe(String kind, Probe probe, String path, int port, Container container) {
        assertNotNull(probe, kind + " probe");
        assertEquals(path, probe.getHttpGet().getPath(), kind + " probe path");
        IntOrString target = probe.getHttpGet().getPort();
        int probed = target.getIntVal() != null
                ? target.getIntVal()
                : container.getPorts().stream()
                        .filter(p -> target.getStrVal().equals(p.getName()))
                        .map(ContainerPort::getContainerPort)
                        .findFirst()
                        .orElseThrow(() ->
                                new AssertionError(kind + " probe: no container port named " + target.getStrVal()));
        assertEquals(port, probed, kind + " probe port against --http-port");
    }

    /** The "restricted" Pod Security Standard (kubernetes.io/docs/concepts/security/pod-security-standards). */
    private static void assertRestricted(String name, PodSpec pod) {
        PodSecurityContext podContext = pod.getSecurityContext();
        assertNotNull(podContext, name + ": pod securityContext");
        assertEquals(Boolean.TRUE, podContext.getRunAsNonRoot(), name + ": runAsNonRoot");
        assertTrue(podContext.getRunAsUser() == null || podContext.getRunAsUser() != 0, name + ": runAsUser not 0");
        assertEquals("RuntimeDefault", podContext.getSeccompProfile().getType(), name + ": seccompProfile");
        assertTrue(pod.getHostNetwork() == null || !pod.getHostNetwork(), name + ": hostNetwork");
        assertTrue(pod.getVolumes().stream().allMatch(v -> v.getHostPath() == null), name + ": no hostPath volume");
        for (Container c : pod.getContainers()) {
            SecurityContext sc = c.getSecurityContext();
            assertNotNull(sc, name + "/" + c.getName() + ": securityContext");
            assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), name + ": allowPrivilegeEscalation");
            assertTrue(sc.getPrivileged() == null || !sc.getPrivileged(), name + ": privileged");
            Capabilities caps = sc.getCapabilities();
            assertTrue(caps != null && caps.getDrop().contains("ALL"), name + ": capabilities drop ALL");
            assertTrue(
                    caps.getAdd() == null || caps.getAdd().stream().allMatch("NET_BIND_SERVICE"::equals),
                    name + ": capabilities add");
            assertNotNull(c.getResources().getRequests(), name + ": resource requests");
            assertNotNull(c.getResources().getLimits().get("memory"), name + ": memory limit");
        }
    }

    private static List<HasMetadata> manifests() throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode doc : YAML.readValues(YAML.getFactory().createParser(file.toFile()), JsonNode.class)
                        .readAll()) {
                    String kind = doc.path("kind").asText();
                    Class<? extends HasMetadata> type = KINDS.get(kind);
                    assertNotNull(type, file.getFileName() + ": unexpected kind '" + kind + "'");
                    HasMetadata object = STRICT.treeToValue(doc, type);
                    assertNoUnknownFields(file.getFileName() + ": " + kind, object);
                    objects.add(object);
                }
            }
        }
        return objects;
    }

    /**
     * The model keeps fields the API does not have in {@code additionalProperties} instead of failing:
     * every object of the tree must have none (a misspelt or misplaced field lands there).
     */
    private static void assertNoUnknownFields(String where, Object node) {
        if (node instanceof Collection<?> items) {
            items.forEach(item -> assertNoUnknownFields(where, item));
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> assertNoUnknownFields(where + "." + key, value));
            return;
        }
        if (node == null || !node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(where + ": " + getter, e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                assertTrue(
                        ((Map<?, ?>) value).isEmpty(), where + ": fields the Kubernetes API does not have: " + value);
            } else {
                assertNoUnknownFields(where + "." + getter.getName().substring(3), value);
            }
        }
    }

    private static <T> T only(List<HasMetadata> objects, Class<T> type) {
        List<T> found =
                objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), type.getSimpleName() + " objects");
        return found.get(0);
    }
}
