package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The image that {@code ./mvnw -Pimage} built (profile only: run by Failsafe after Jib's buildTar): its
 * configuration runs the bot as a non-root user, exposes the bot's port and the management port (where the
 * liveness and readiness probes are), listens for probes beyond loopback, and starts with the compiler directives
 * signpost.args names, the file in the image as in src/start.
 */
class ImageTarballIT {

    static final Path TARBALL = Path.of("target", "jib-image.tar");

    @Test
    void theImageRunsAsNonRootAndExposesTheBotAndProbePorts() throws IOException {
        assertThat(TARBALL).exists();
        Map<String, byte[]> files = readTar(TARBALL);
        ObjectMapper json = new ObjectMapper();
        String configName = json.readTree(files.get("manifest.json")).path(0).path("Config").asText();
        JsonNode config = json.readTree(files.get(configName)).path("config");

        String user = config.path("User").asText();
        assertThat(user).matches("\\d+:\\d+");
        assertThat(Integer.parseInt(user.split(":")[0])).as("uid").isPositive();
        assertThat(Integer.parseInt(user.split(":")[1])).as("gid").isPositive();
        assertThat(config.path("ExposedPorts").has("3978/tcp")).isTrue();
        assertThat(config.path("ExposedPorts").has("8081/tcp")).isTrue();
        assertThat(config.path("Env").toString()).contains("MANAGEMENT_PORT=8081", "MANAGEMENT_ADDRESS=0.0.0.0");
        assertThat(config.path("Entrypoint").toString()).contains("java", SignpostApplication.class.getName());

        Matcher directives = Pattern.compile("-XX:CompilerDirectivesFile=/([^\"]+)")
                .matcher(config.path("Entrypoint").toString());
        assertThat(directives.find()).as("the entrypoint names compiler directives").isTrue();
        assertThat(config.path("Entrypoint").toString()).contains("-XX:+UnlockDiagnosticVMOptions");
        byte[] shipped = Files.readAllBytes(Path.of("src", "start", "signpost-jit.json"));
        assertThat(json.readTree(files.get("manifest.json")).path(0).path("Layers")).as("the image's layers")
                .anySatisfy(layer -> assertThat(layerFiles(files.get(layer.asText())).get(directives.group(1)))
                        .as("the directives file in the image").isEqualTo(shipped));
    }

    /** A layer's files by path without the leading slash (Jib writes its layers as gzipped tars). */
    private static Map<String, byte[]> layerFiles(byte[] layer) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(layer))) {
            return readTar(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain (uncompressed) tar: 512-byte headers, each entry padded to 512 bytes. */
    private static Map<String, byte[]> readTar(Path tar) throws IOException {
        try (InputStream in = Files.newInputStream(tar)) {
            return readTar(in);
        }
    }

    private static Map<String, byte[]> readTar(InputStream in) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        while (true) {
            byte[] header = in.readNBytes(512);
            if (header.length < 512 || header[0] == 0) {
                return files;
            }
            String name = new String(header, 0, 100, StandardCharsets.US_ASCII).replace("\0", "").strip();
            long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII)
                    .replace("\0", "").strip(), 8);
            byte[] content = in.readNBytes((int) size);
            in.skipNBytes((512 - size % 512) % 512);
            files.put(name.startsWith("/") ? name.substring(1) : name, content);
        }
    }
}
