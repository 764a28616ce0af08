package org.signpost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The JVM Signpost ships with is written once, in bot/pom.xml's {@code signpost.jvm.*} properties, and every way
 * of running it agrees: the image's JVM flags and environment (glibc's malloc arenas), {@code spring-boot:run}, the
 * load harness, and the command the README gives (its options from signpost.args, which also turns on Spring AOT and
 * the compiler directives, as the image does); compose, Kubernetes and Azure run the image and set neither.
 */
class ShippedJvmTests {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    @Test
    void everyWayOfRunningTheBotStartsTheJvmAsShipped() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Repository.file("bot/pom.xml").toFile());
        XPath xpath = XPathFactory.newInstance().newXPath();
        String flags = resolve(pom, xpath, "${signpost.jvm.flags}");
        String arenas = resolve(pom, xpath, "${signpost.jvm.malloc-arenas}");
        assertThat(flags).contains("-Xmx", "-XX:TrimNativeHeapInterval=");
        assertThat(arenas).matches("[1-9]\\d*");

        String container = "//plugin[artifactId='jib-maven-plugin']/configuration/container/";
        List<String> imageFlags = new ArrayList<>();
        NodeList nodes = (NodeList) xpath.evaluate(container + "jvmFlags/jvmFlag", pom, XPathConstants.NODESET);
        for (int i = 0; i < nodes.getLength(); i++) {
            imageFlags.add(resolve(pom, xpath, nodes.item(i).getTextContent()));
        }
        String aot = resolve(pom, xpath, "${signpost.jvm.aot}");
        assertThat(aot).isEqualTo("-Dspring.aot.enabled=true");
        assertThat(imageFlags).as("the image's JVM flags").containsAll(List.of(flags.split("\\s+"))).contains(aot);
        assertThat(resolve(pom, xpath, xpath.evaluate(container + "environment/MALLOC_ARENA_MAX", pom)))
                .as("the image's MALLOC_ARENA_MAX").isEqualTo(arenas);

        String run = "//plugin[artifactId='spring-boot-maven-plugin']/configuration/";
        assertThat(resolve(pom, xpath, xpath.evaluate(run + "jvmArguments", pom))).isEqualTo(flags);
        assertThat(resolve(pom, xpath, xpath.evaluate(run + "environmentVariables/MALLOC_ARENA_MAX", pom)))
                .isEqualTo(arenas);

        String load = "//profile[id='load']//systemPropertyVariables/";
        assertThat(resolve(pom, xpath, xpath.evaluate(load + "load.signpost-jvm", pom))).isEqualTo(flags);
        assertThat(resolve(pom, xpath, xpath.evaluate(load + "load.signpost-env", pom)))
                .isEqualTo("MALLOC_ARENA_MAX=" + arenas);

        // README's command takes its options from signpost.args, which package writes from bot/src/start
        String readme = Files.readString(Repository.file("README.md"));
        assertThat(readme).contains("`MALLOC_ARENA_MAX=" + arenas
                + " java @bot/target/signpost/signpost.args -jar bot/target/signpost/signpost-bot.jar`");
        assertThat(Files.readAllLines(Repository.file("bot/src/start/signpost.args")))
                .containsExactly("@signpost.jvm.flags@", "@signpost.jvm.aot@", "@signpost.jvm.jit@",
                        "@archive.start.flags@");

        // the compiler directives: the file beside signpost.args (bot/src/start) and in the image, with the same flags
        String directives = resolve(pom, xpath, "${signpost.jvm.jit.file}");
        assertThat(Repository.file("bot/src/start/" + directives)).exists();
        assertThat(xpath.evaluate("/project/properties/signpost.jvm.jit", pom)).isEqualTo("-XX:+UnlockDiagnosticVMOptions"
                + " -XX:CompilerDirectivesFile=${signpost.extracted}/${signpost.jvm.jit.file}");
        assertThat(imageFlags).as("the image's JVM flags")
                .contains("-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=/app/jvm/" + directives);
        String extra = "//plugin[artifactId='jib-maven-plugin']/configuration/extraDirectories/paths/path";
        assertThat(xpath.evaluate(extra + "[into='/app/jvm']/from", pom)).isEqualTo("${project.basedir}/src/start");
        assertThat(resolve(pom, xpath, xpath.evaluate(extra + "[into='/app/jvm']/includes", pom)))
                .isEqualTo(directives);
        String training = xpath.evaluate("//execution[id='training-start']//commandlineArgs", pom);
        assertThat(training).as("the archive's training start").startsWith("${signpost.jvm.flags} ${signpost.jvm.aot} ");

        JsonNode compose = new YAMLMapper().readTree(Repository.file("deploy/compose.yaml").toFile());
        assertThat(compose.at("/services/bot/environment").has("MALLOC_ARENA_MAX")).isFalse();
        assertThat(Files.readString(Repository.file("deploy/kubernetes/configmap.yaml"))).doesNotContain("MALLOC_ARENA_MAX");
        assertThat(Files.readString(Repository.file("deploy/azure/main.bicep"))).doesNotContain("MALLOC_ARENA_MAX");
    }

    /** A value with the pom's own {@code ${...}} properties replaced, as Maven would. */
    private static String resolve(Document pom, XPath xpath, String value) throws Exception {
        Matcher property = PROPERTY.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (property.find()) {
            String defined = xpath.evaluate("/project/properties/" + property.group(1), pom);
            assertThat(defined).as("bot/pom.xml property " + property.group(1)).isNotEmpty();
            property.appendReplacement(resolved, Matcher.quoteReplacement(resolve(pom, xpath, defined)));
        }
        property.appendTail(resolved);
        return resolved.toString().strip();
    }
}
