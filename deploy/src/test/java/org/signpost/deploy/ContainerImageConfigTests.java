package org.signpost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The container image as Jib is configured to build it (bot/pom.xml; the tarball itself is built and
 * checked by {@code ./mvnw -Pimage}, see ImageTarballIT): a non-root user, the bot's and the management
 * port, and the same user and ports as the Kubernetes and compose files expect.
 */
class ContainerImageConfigTests {

    @Test
    void jibBuildsANonRootImageWithTheBotAndManagementPorts() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Repository.file("bot/pom.xml").toFile());
        XPath xpath = XPathFactory.newInstance().newXPath();
        String container = "//plugin[artifactId='jib-maven-plugin']/configuration/container/";
        String user = xpath.evaluate(container + "user", pom);
        assertThat(user).matches("[1-9]\\d*:[1-9]\\d*");
        List<String> ports = new ArrayList<>();
        NodeList portNodes = (NodeList) xpath.evaluate(container + "ports/port", pom, XPathConstants.NODESET);
        for (int i = 0; i < portNodes.getLength(); i++) {
            ports.add(portNodes.item(i).getTextContent());
        }
        assertThat(ports).containsExactlyInAnyOrder("3978", "8081");
        assertThat(xpath.evaluate(container + "environment/MANAGEMENT_PORT", pom)).isEqualTo("8081");
        assertThat(xpath.evaluate(container + "environment/MANAGEMENT_ADDRESS", pom)).isEqualTo("0.0.0.0");
        assertThat(xpath.evaluate(container + "mainClass", pom)).isEqualTo("org.signpost.bot.SignpostApplication");
        assertThat(xpath.evaluate("//profile[id='image']//plugin[artifactId='jib-maven-plugin']//goal", pom))
                .isEqualTo("buildTar");

        JsonNode pod = KubernetesManifestsTests.rendered().stream()
                .filter(o -> o.path("kind").asText().equals("Deployment")).findFirst().orElseThrow()
                .at("/spec/template/spec");
        assertThat(pod.at("/securityContext/runAsUser").asText() + ":" + pod.at("/securityContext/runAsGroup").asText())
                .isEqualTo(user);
    }

    @Test
    void theComposeHealthCheckRunsAClassTheImageHas() throws IOException {
        JsonNode compose = new YAMLMapper().readTree(Repository.file("deploy/compose.yaml").toFile());
        String test = compose.at("/services/bot/healthcheck/test").toString();
        assertThat(test).contains("org.signpost.bot.HealthProbe", "/app/classes");
        assertThat(Repository.file("bot/src/main/java/org/signpost/bot/HealthProbe.java")).exists();
    }
}
