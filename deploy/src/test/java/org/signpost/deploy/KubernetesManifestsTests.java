package org.signpost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes, as {@code kubectl apply -k} applies it (plain manifests, no patches, so the rendered
 * result is the files themselves): every object valid against the Kubernetes v1.32 schema of its kind,
 * and the settings a production deployment needs.
 */
class KubernetesManifestsTests {

    static final Path FOLDER = Repository.file("deploy/kubernetes");
    static final Map<String, String> SCHEMAS = Map.of(
            "apps/v1/Deployment", "deployment-apps-v1.json",
            "v1/Service", "service-v1.json",
            "v1/ServiceAccount", "serviceaccount-v1.json",
            "v1/ConfigMap", "configmap-v1.json",
            "policy/v1/PodDisruptionBudget", "poddisruptionbudget-policy-v1.json",
            "networking.k8s.io/v1/NetworkPolicy", "networkpolicy-networking-v1.json");
    static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void everyObjectIsValidAgainstTheKubernetesSchemaOfItsKind() throws IOException {
        List<JsonNode> objects = rendered();
        assertThat(objects).extracting(o -> o.path("kind").asText()).containsExactlyInAnyOrder(
                "ServiceAccount", "ConfigMap", "Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy");
        for (JsonNode object : objects) {
            String kind = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
            assertThat(SCHEMAS).as("a schema for " + kind).containsKey(kind);
            JsonSchema schema = Schemas.load("kubernetes-v1.32.2-standalone-strict/" + SCHEMAS.get(kind),
                    SpecVersion.VersionFlag.V7);
            assertThat(Schemas.validate(schema, object)).as(kind).isEmpty();
        }
    }

    @Test
    void theSchemaRefusesAMisspeltField() throws IOException {
        JsonNode deployment = byKind("Deployment");
        ((com.fasterxml.jackson.databind.node.ObjectNode) deployment.path("spec")).put("replica", 3);
        JsonSchema schema = Schemas.load("kubernetes-v1.32.2-standalone-strict/deployment-apps-v1.json",
                SpecVersion.VersionFlag.V7);
        assertThat(Schemas.validate(schema, deployment)).isNotEmpty();
    }

    @Test
    void severalNonRootReplicasWithProbesLimitsAndClusterSecrets() throws IOException {
        JsonNode deployment = byKind("Deployment");
        assertThat(deployment.at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode pod = deployment.at("/spec/template/spec");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isPositive();
        assertThat(pod.at("/automountServiceAccountToken").asBoolean(true)).isFalse();
        JsonNode container = pod.at("/containers/0");
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(container.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/liveness");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/readiness");
        assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("management");
        assertThat(container.at("/resources/limits/memory").asText()).isNotEmpty();
        assertThat(container.at("/resources/limits/cpu").asText()).isNotEmpty();
        assertThat(container.at("/resources/requests/memory").asText()).isNotEmpty();
        assertThat(container.path("envFrom").toString()).contains("\"secretRef\":{\"name\":\"signpost-secrets\"}");
        assertThat(container.path("env").toString()).as("no secret written into the manifest")
                .doesNotContain("Password", "REDIS_URL", "SECRET");

        Map<String, String> settings = new HashMap<>();
        byKind("ConfigMap").path("data").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
        assertThat(settings).containsEntry("MANAGEMENT_PORT", "8081").containsEntry("MANAGEMENT_ADDRESS", "0.0.0.0")
                .containsEntry("MicrosoftAppType", "SingleTenant").doesNotContainKeys("REDIS_URL",
                        "MicrosoftAppPassword", "SIGNPOST_SURVEY_TOKEN_SECRET");
        assertThat(container.at("/ports").toString()).contains("\"containerPort\":8081", "\"containerPort\":3978");
    }

    @Test
    void aDisruptionBudgetAndANetworkPolicyKeepTheManagementPortInside() throws IOException {
        assertThat(byKind("PodDisruptionBudget").at("/spec/maxUnavailable").asInt()).isEqualTo(1);
        JsonNode service = byKind("Service");
        assertThat(service.at("/spec/ports").size()).isEqualTo(1);
        assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
        JsonNode policy = byKind("NetworkPolicy");
        assertThat(policy.at("/spec/policyTypes").toString()).contains("Ingress", "Egress");
        for (JsonNode rule : policy.at("/spec/ingress")) {
            if (rule.path("ports").toString().contains("8081")) {
                assertThat(rule.path("from")).as("the management port only from monitoring").isNotEmpty();
            }
        }
    }

    private static JsonNode byKind(String kind) throws IOException {
        return rendered().stream().filter(o -> o.path("kind").asText().equals(kind)).findFirst().orElseThrow();
    }

    /** What kustomize renders: the listed files, unchanged (the kustomization has nothing but resources). */
    static List<JsonNode> rendered() throws IOException {
        JsonNode kustomization = YAML.readTree(FOLDER.resolve("kustomization.yaml").toFile());
        List<String> fields = new ArrayList<>();
        kustomization.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("no patches or transformers").containsExactlyInAnyOrder("apiVersion", "kind", "resources");
        List<JsonNode> objects = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        for (JsonNode resource : kustomization.path("resources")) {
            try (MappingIterator<JsonNode> documents = mapper.readerFor(JsonNode.class)
                    .readValues(FOLDER.resolve(resource.asText()).toFile())) {
                while (documents.hasNext()) {
                    JsonNode document = documents.next();
                    if (document != null && !document.isEmpty()) {
                        objects.add(document);
                    }
                }
            }
        }
        return objects;
    }
}
