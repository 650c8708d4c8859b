package br.ft9.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Renders every overlay with {@code kubectl kustomize}, reads it into the fabric8 model and checks what a cluster
 * would otherwise discover at the worst moment: probes, requests and limits, hardening, no secret values, ingress paths
 * that reach real Services and cover every public resource, every Kafka topic the code names declared, and every
 * setting the services need supplied.
 */
class ManifestsTest {

    private static final Path ROOT = Path.of(System.getProperty("ft9.root", "../..")).toAbsolutePath().normalize();
    private static final ServiceSources SOURCES = new ServiceSources(ROOT);

    /**
     * Settings a service reads but may go without, each for a reason. Everything else it reads whose default is empty
     * or points at this machine (localhost) must be supplied by its Deployment.
     */
    private static final Map<String, String> MAY_BE_ABSENT = Map.of(
            "FT9_JWT_PRIVATE_KEY_FILE", "the key comes as FT9_JWT_PRIVATE_KEY; the file is the other way to give it",
            "FT9_JWT_PREVIOUS_PUBLIC_KEYS", "only during a signing-key rotation",
            "FT9_CHANNEL_TOKEN_PREVIOUS_KEYS", "only during a channel-token key rotation",
            "WHATSAPP_APP_SECRET_PREVIOUS", "only during an app-secret rotation (with its _UNTIL)",
            "WHATSAPP_APP_SECRET_PREVIOUS_UNTIL", "only during an app-secret rotation",
            "FT9_DEMO_ORG_ID", "the demo seed is for the local suite only (FT9_DEMO_SEED is false)",
            "FT9_SUPERADMIN_PASSWORD", "the demo seed is for the local suite only",
            "DEMO_PHONE_NUMBER_ID", "the demo seed is for the local suite only",
            "LLM_BASE_URL", "without it, answers are extractive or from OpenAI when OPENAI_API_KEY is set",
            "KNOWLEDGE_BM25_WEIGHT", "without it, the embedding model in use decides (0.7 in-process, 0.5 OpenAI-compatible)");
    /** Secrets an organisation may not have; the services say so in their API when they are absent (DESIGN.md). */
    private static final Set<String> OPTIONAL_SECRETS = Set.of("STRIPE_API_KEY", "STRIPE_WEBHOOK_SECRET", "OPENAI_API_KEY",
            "SMTP_USERNAME", "SMTP_PASSWORD");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(SECRET|PASSWORD|TOKEN|API_KEY|PRIVATE_KEY|TOKEN_KEY)$");
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(sk_live_|sk_test_|rk_live_|whsec_|-----BEGIN|EAAG[A-Za-z0-9]{20}|AKIA[0-9A-Z]{16})");

    private static final Map<String, Rendered> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The overlay rendered once for all the checks (kubectl takes a few hundred milliseconds each time). */
    private static Rendered render(String overlay) throws Exception {
        Rendered rendered = RENDERED.get(overlay);
        if (rendered == null) {
            rendered = Rendered.overlay(ROOT.resolve("deploy/k8s"), overlay);
            RENDERED.put(overlay, rendered);
        }
        return rendered;
    }

    private static Deployment deployment(Rendered rendered, String service) {
        return rendered.named(Deployment.class, service).orElseThrow(
                () -> new AssertionError(rendered.overlay() + " has no Deployment " + service));
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "dev", "prod" })
    void every_service_has_health_probes_on_its_http_port_and_requests_and_limits(String overlay) throws Exception {
        Rendered rendered = render(overlay);
        SoftAssertions soft = new SoftAssertions();
        for (String service : ServiceSources.SERVICES) {
            Container c = container(deployment(rendered, service));
            Set<String> ports = c.getPorts().stream().map(p -> p.getName()).collect(Collectors.toSet());
            Map<String, Probe> probes = Map.of("/q/health/started", c.getStartupProbe(), "/q/health/live", c.getLivenessProbe(),
                    "/q/health/ready", c.getReadinessProbe());
            probes.forEach((path, probe) -> {
                soft.assertThat(probe).as(service + " probe " + path).isNotNull();
                if (probe != null) {
                    soft.assertThat(probe.getHttpGet().getPath()).as(service + " probe path").isEqualTo(path);
                    soft.assertThat(ports).as(service + " probe port").contains(probe.getHttpGet().getPort().getStrVal());
                }
            });
        }
        for (Deployment d : rendered.all(Deployment.class)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                String who = d.getMetadata().getName() + "/" + c.getName();
                Map<String, Quantity> requests = c.getResources().getRequests();
                Map<String, Quantity> limits = c.getResources().getLimits();
                soft.assertThat(requests).as(who + " requests").containsKeys("cpu", "memory");
                soft.assertThat(limits).as(who + " limits").containsKeys("cpu", "memory");
                if (requests != null && limits != null && requests.containsKey("memory") && limits.containsKey("memory")) {
                    soft.assertThat(amount(requests.get("memory"))).as(who + " memory request within its limit")
                            .isLessThanOrEqualTo(amount(limits.get("memory")));
                    soft.assertThat(amount(requests.get("cpu"))).as(who + " cpu request within its limit")
                            .isLessThanOrEqualTo(amount(limits.get("cpu")));
                }
            }
        }
        soft.assertAll();
    }

    private static BigDecimal amount(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "dev", "prod" })
    void every_pod_runs_non_root_on_a_read_only_filesystem_and_shuts_down_gracefully(String overlay) throws Exception {
        Rendered rendered = render(overlay);
        SoftAssertions soft = new SoftAssertions();
        for (Deployment d : rendered.all(Deployment.class)) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            String name = d.getMetadata().getName();
            soft.assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name + " runAsNonRoot").isTrue();
            soft.assertThat(pod.getAutomountServiceAccountToken()).as(name + " mounts no API token").isFalse();
            for (Container c : pod.getContainers()) {
                soft.assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as(name + " read-only root").isTrue();
                soft.assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(name + " no escalation").isFalse();
                soft.assertThat(c.getSecurityContext().getCapabilities().getDrop()).as(name + " drops capabilities").contains("ALL");
            }
        }
        for (String service : ServiceSources.SERVICES) {
            Deployment d = deployment(rendered, service);
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            soft.assertThat(container(d).getLifecycle().getPreStop().getSleep().getSeconds()).as(service + " pre-stop pause")
                    .isPositive();
            // Quarkus' shutdown timeout (platform ConfigMap) plus the pre-stop pause must fit in the grace period.
            long shutdown = Long.parseLong(rendered.named(ConfigMap.class, "ft9-platform").orElseThrow().getData()
                    .get("QUARKUS_SHUTDOWN_TIMEOUT").replace("s", ""));
            soft.assertThat(pod.getTerminationGracePeriodSeconds()).as(service + " grace period")
                    .isGreaterThan(shutdown + container(d).getLifecycle().getPreStop().getSleep().getSeconds());
            soft.assertThat(container(d).getVolumeMounts()).as(service + " writable /tmp")
                    .anyMatch(m -> "/tmp".equals(m.getMountPath()));
        }
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "dev", "prod" })
    void no_secret_value_is_in_the_manifests_only_references_to_secrets(String overlay) throws Exception {
        Rendered rendered = render(overlay);
        SoftAssertions soft = new SoftAssertions();
        for (Secret secret : rendered.all(Secret.class)) {
            soft.assertThat(secret.getData()).as("Secret " + secret.getMetadata().getName() + " data").isNullOrEmpty();
            soft.assertThat(secret.getStringData()).as("Secret " + secret.getMetadata().getName() + " stringData").isNullOrEmpty();
        }
        for (ConfigMap map : rendered.all(ConfigMap.class)) {
            soft.assertThat(map.getData().keySet()).as("ConfigMap " + map.getMetadata().getName() + " keys")
                    .noneMatch(key -> SECRET_NAME.matcher(key).matches());
        }
        for (Deployment d : rendered.all(Deployment.class)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar env : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                    if (SECRET_NAME.matcher(env.getName()).matches()) {
                        soft.assertThat(env.getValue()).as(d.getMetadata().getName() + " " + env.getName() + " as a plain value").isNull();
                        soft.assertThat(env.getValueFrom() == null ? null : env.getValueFrom().getSecretKeyRef())
                                .as(d.getMetadata().getName() + " " + env.getName() + " from a Secret").isNotNull();
                    }
                }
            }
        }
        soft.assertThat(SECRET_VALUE.matcher(rendered.yaml()).find()).as("something shaped like a key or token in the render")
                .isFalse();
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "dev", "prod" })
    void every_ingress_path_reaches_an_existing_service_port_and_every_public_resource_is_routed(String overlay) throws Exception {
        Rendered rendered = render(overlay);
        List<Ingress> ingresses = rendered.all(Ingress.class);
        assertThat(ingresses).hasSize(1);
        Ingress ingress = ingresses.get(0);
        assertThat(ingress.getMetadata().getAnnotations()).containsKey("cert-manager.io/cluster-issuer");
        assertThat(ingress.getSpec().getTls()).isNotEmpty();
        Map<String, String> routes = new HashMap<>();
        SoftAssertions soft = new SoftAssertions();
        for (var rule : ingress.getSpec().getRules()) {
            soft.assertThat(ingress.getSpec().getTls().get(0).getHosts()).as("TLS covers " + rule.getHost()).contains(rule.getHost());
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                String serviceName = path.getBackend().getService().getName();
                Integer port = path.getBackend().getService().getPort().getNumber();
                routes.put(path.getPath(), serviceName);
                Service service = rendered.named(Service.class, serviceName).orElse(null);
                soft.assertThat(service).as(path.getPath() + " → Service " + serviceName).isNotNull();
                if (service != null) {
                    soft.assertThat(service.getSpec().getPorts()).extracting(ServicePort::getPort).as(path.getPath() + " port")
                            .contains(port);
                    Deployment target = rendered.named(Deployment.class, serviceName).orElse(null);
                    soft.assertThat(target).as("Deployment behind " + serviceName).isNotNull();
                    if (target != null) {
                        soft.assertThat(target.getSpec().getTemplate().getMetadata().getLabels())
                                .as(serviceName + " selects its pods").containsAllEntriesOf(service.getSpec().getSelector());
                        String targetPort = service.getSpec().getPorts().get(0).getTargetPort().getStrVal();
                        soft.assertThat(container(target).getPorts()).as(serviceName + " target port " + targetPort)
                                .anyMatch(p -> targetPort.equals(p.getName()));
                    }
                }
            }
        }
        assertThat(SOURCES.publicPaths("whatsapp-gateway")).as("public paths found in the code (a sanity floor)")
                .contains("/api/conversations", "/api/contacts", "/webhooks/whatsapp");
        for (String service : ServiceSources.SERVICES) {
            for (String path : SOURCES.publicPaths(service)) {
                String routedTo = routes.entrySet().stream().filter(r -> path.equals(r.getKey()) || path.startsWith(r.getKey() + "/"))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                soft.assertThat(routedTo).as(service + "'s " + path + " routed by the ingress").isEqualTo(service);
            }
        }
        soft.assertAll();
    }

    /** The longest retention tenant-service's replay rule assumes, read from its source (this module does not build it). */
    private static java.time.Duration longestTopicRetention() throws java.io.IOException {
        String rule = Files.readString(ROOT.resolve("tenant-service/src/main/java/br/ft9/tenant/domain/Replayability.java"));
        java.util.regex.Matcher days = Pattern.compile("LONGEST_TOPIC_RETENTION = Duration\\.ofDays\\((\\d+)\\)").matcher(rule);
        assertThat(days.find()).as("Replayability.LONGEST_TOPIC_RETENTION is a number of days").isTrue();
        return java.time.Duration.ofDays(Long.parseLong(days.group(1)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "dev", "prod" })
    void every_kafka_topic_the_code_uses_is_declared_as_a_kafka_topic_of_the_cluster(String overlay) throws Exception {
        Rendered rendered = render(overlay);
        List<GenericKubernetesResource> kafkas = rendered.custom("Kafka");
        assertThat(kafkas).hasSize(1);
        String cluster = kafkas.get(0).getMetadata().getName();
        assertThat(spec(kafkas.get(0)).get("kafka").toString()).contains("auto.create.topics.enable=false");
        Set<String> declared = new TreeSet<>();
        for (GenericKubernetesResource topic : rendered.custom("KafkaTopic")) {
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster);
            Map<String, Object> spec = spec(topic);
            declared.add(String.valueOf(spec.getOrDefault("topicName", topic.getMetadata().getName())));
            assertThat((Integer) spec.get("partitions")).as(topic.getMetadata().getName() + " partitions").isPositive();
            assertThat(((Map<?, ?>) spec.get("config")).containsKey("retention.ms")).as(topic.getMetadata().getName() + " retention")
                    .isTrue();
            // Dead letters are replayable while every consumer still remembers the events it applied; that window is
            // the consumers' memory less the longest any topic keeps a record (tenant-service's Replayability).
            long retention = Long.parseLong(String.valueOf(((Map<?, ?>) spec.get("config")).get("retention.ms")));
            assertThat(java.time.Duration.ofMillis(retention)).as(topic.getMetadata().getName()
                    + " keeps records no longer than Replayability.LONGEST_TOPIC_RETENTION")
                    .isLessThanOrEqualTo(longestTopicRetention());
        }
        Set<String> used = SOURCES.topics();
        assertThat(used).as("topics found in the code (a sanity floor)").contains("ft9.whatsapp.inbound", "ft9.whatsapp.outbound",
                "ft9.whatsapp.status", "ft9.tenant.events", "ft9.whatsapp.inbound.memory.dlq");
        assertThat(declared).containsAll(used);
        if ("prod".equals(overlay)) {
            assertThat(rendered.custom("KafkaTopic")).allSatisfy(t -> assertThat(spec(t).get("replicas")).isEqualTo(3));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "dev", "prod" })
    void every_setting_a_service_needs_is_supplied_by_its_deployment(String overlay) throws Exception {
        Rendered rendered = render(overlay);
        Set<String> managedRoles = new HashSet<>();
        Map<String, String> rolePasswords = new HashMap<>();
        for (GenericKubernetesResource cluster : rendered.custom("Cluster")) {
            for (Object role : (List<?>) ((Map<?, ?>) spec(cluster).get("managed")).get("roles")) {
                Map<?, ?> r = (Map<?, ?>) role;
                managedRoles.add((String) r.get("name"));
                rolePasswords.put((String) r.get("name"), (String) ((Map<?, ?>) r.get("passwordSecret")).get("name"));
            }
        }
        SoftAssertions soft = new SoftAssertions();
        for (String service : ServiceSources.SERVICES) {
            Container c = container(deployment(rendered, service));
            Map<String, EnvVar> env = c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
            Set<String> fromConfigMaps = new HashSet<>();
            for (EnvFromSource from : c.getEnvFrom()) {
                String name = from.getConfigMapRef().getName();
                ConfigMap map = rendered.named(ConfigMap.class, name).orElse(null);
                soft.assertThat(map).as(service + " reads ConfigMap " + name).isNotNull();
                if (map != null) {
                    fromConfigMaps.addAll(map.getData().keySet());
                }
            }
            SOURCES.environmentOf(service).forEach((variable, fallback) -> {
                boolean needed = fallback.isEmpty() || fallback.contains("localhost") || fallback.contains("127.0.0.1");
                if (!needed || MAY_BE_ABSENT.containsKey(variable)) {
                    return;
                }
                EnvVar own = env.get(variable);
                soft.assertThat(own != null || fromConfigMaps.contains(variable)).as(service + " is given " + variable).isTrue();
                if (own != null && own.getValueFrom() != null && own.getValueFrom().getSecretKeyRef() != null
                        && !OPTIONAL_SECRETS.contains(variable)) {
                    soft.assertThat(own.getValueFrom().getSecretKeyRef().getOptional()).as(service + " " + variable + " required")
                            .isNotEqualTo(Boolean.TRUE);
                }
            });
            // The database role the service logs in as is one the PostgreSQL cluster manages, with the same Secret.
            String role = env.get("DB_USER").getValue();
            soft.assertThat(managedRoles).as(service + "'s role").contains(role);
            soft.assertThat(env.get("DB_PASSWORD").getValueFrom().getSecretKeyRef().getName()).as(service + "'s password Secret")
                    .isEqualTo(rolePasswords.get(role));
        }
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "dev", "prod" })
    void every_service_scales_keeps_replicas_through_disruptions_and_is_fenced_by_a_network_policy(String overlay) throws Exception {
        Rendered rendered = render(overlay);
        SoftAssertions soft = new SoftAssertions();
        NetworkPolicy deny = rendered.named(NetworkPolicy.class, "ft9-default-deny").orElseThrow();
        soft.assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        soft.assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        soft.assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
        for (String service : ServiceSources.SERVICES) {
            Map<String, String> labels = deployment(rendered, service).getSpec().getTemplate().getMetadata().getLabels();
            soft.assertThat(labels).as(service + " under the default deny").containsAllEntriesOf(deny.getSpec().getPodSelector().getMatchLabels());
            HorizontalPodAutoscaler hpa = rendered.named(HorizontalPodAutoscaler.class, service).orElse(null);
            soft.assertThat(hpa).as(service + " autoscaler").isNotNull();
            if (hpa != null) {
                soft.assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(service);
                soft.assertThat(hpa.getSpec().getMinReplicas()).as(service + " min replicas")
                        .isGreaterThanOrEqualTo("prod".equals(overlay) ? 2 : 1);
            }
            PodDisruptionBudget pdb = rendered.named(PodDisruptionBudget.class, service).orElse(null);
            soft.assertThat(pdb).as(service + " disruption budget").isNotNull();
            if (pdb != null) {
                soft.assertThat(labels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
            }
            NetworkPolicy own = rendered.named(NetworkPolicy.class, service).orElse(null);
            soft.assertThat(own).as(service + " network policy").isNotNull();
            if (own != null) {
                soft.assertThat(labels).containsAllEntriesOf(own.getSpec().getPodSelector().getMatchLabels());
                soft.assertThat(own.getSpec().getEgress()).as(service + " egress rules name their ports")
                        .allSatisfy(rule -> assertThat(rule.getPorts()).isNotEmpty());
            }
        }
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "dev", "prod" })
    void the_console_is_the_app_hosts_root_with_the_apis_paths_beside_it_probes_a_fence_and_a_pinned_image(String overlay)
            throws Exception {
        Rendered rendered = render(overlay);
        Ingress ingress = rendered.all(Ingress.class).get(0);
        String appHost = "prod".equals(overlay) ? "app.ft9.com.br" : "app.dev.ft9.com.br";
        var app = ingress.getSpec().getRules().stream().filter(r -> appHost.equals(r.getHost())).findFirst().orElseThrow();
        Map<String, String> paths = app.getHttp().getPaths().stream()
                .collect(Collectors.toMap(HTTPIngressPath::getPath, p -> p.getBackend().getService().getName()));
        assertThat(paths).containsEntry("/", "console").containsEntry("/api/inbox", "whatsapp-gateway")
                .containsEntry("/api/auth", "auth-service").doesNotContainKeys("/webhooks/whatsapp", "/webhooks/stripe");
        assertThat(ingress.getMetadata().getAnnotations()).as("server-sent events are not buffered")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off");
        assertThat(Integer.parseInt(ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/proxy-read-timeout")))
                .as("the inbox's heartbeat (20 s) comes before the read timeout").isGreaterThan(20);

        Deployment console = deployment(rendered, "console");
        Container c = container(console);
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        String prefix = SOURCES.parentProperty("quarkus.container-image.registry") + "/"
                + SOURCES.parentProperty("quarkus.container-image.group") + "/";
        assertThat(c.getImage()).startsWith(prefix + "console:").doesNotEndWith(":latest");
        NetworkPolicy fence = rendered.named(NetworkPolicy.class, "console").orElseThrow();
        assertThat(fence.getSpec().getEgress()).as("the console reaches nothing").isNullOrEmpty();
        assertThat(rendered.named(PodDisruptionBudget.class, "console")).isPresent();
        assertThat(rendered.named(HorizontalPodAutoscaler.class, "console")).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "dev", "prod" })
    void every_image_is_the_one_jib_builds_with_a_pinned_tag(String overlay) throws Exception {
        Rendered rendered = render(overlay);
        String prefix = SOURCES.parentProperty("quarkus.container-image.registry") + "/"
                + SOURCES.parentProperty("quarkus.container-image.group") + "/";
        for (String service : ServiceSources.SERVICES) {
            String image = container(deployment(rendered, service)).getImage();
            assertThat(image).as(service + " image").startsWith(prefix + service + ":").doesNotEndWith(":latest");
        }
        assertThat(SOURCES.parentProperty("quarkus.jib.base-jvm-image")).as("Jib's base image").contains("temurin");
        assertThat(String.valueOf(container(deployment(rendered, "auth-service")).getSecurityContext() == null ? ""
                : deployment(rendered, "auth-service").getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser()))
                .as("the pods' user is the image's").isEqualTo(SOURCES.parentProperty("quarkus.jib.user"));
    }

    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) resource.getAdditionalProperties().get("spec");
        return spec;
    }
}
