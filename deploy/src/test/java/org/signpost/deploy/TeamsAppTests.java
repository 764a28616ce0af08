package org.signpost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.SpecVersion;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The Teams app package as the build makes it (target/teams: the manifest with this build's ids filled
 * in, and the icons): valid against the official v1.30 schema, the bot in the three scopes, a command for
 * every menu item, and icons of the sizes and colours Teams requires.
 */
class TeamsAppTests {

    static final JsonSchema SCHEMA = Schemas.load("teams-v1.30/MicrosoftTeams.schema.json", SpecVersion.VersionFlag.V7);
    static final Path BUILT = Path.of("target", "teams");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theBuiltManifestIsValidAgainstTheOfficialSchemaWithTheConfiguredIds() throws IOException {
        JsonNode manifest = JSON.readTree(BUILT.resolve("manifest.json").toFile());
        assertThat(Schemas.validate(SCHEMA, manifest)).isEmpty();
        assertThat(Files.readString(BUILT.resolve("manifest.json"))).doesNotContainPattern("@[a-zA-Z.]+@");
        String botId = System.getProperty("teams.botId", "00000000-0000-0000-0000-000000000000");
        assertThat(manifest.path("bots").path(0).path("botId").asText()).isEqualTo(botId);
        assertThat(manifest.path("manifestVersion").asText()).isEqualTo("1.30");
        assertThat(manifest.path("validDomains")).isNotEmpty();
    }

    @Test
    void theSchemaRefusesABrokenManifest() throws IOException {
        ObjectNode manifest = (ObjectNode) JSON.readTree(BUILT.resolve("manifest.json").toFile());
        ((ObjectNode) manifest.path("bots").path(0)).put("botId", "not-a-guid");
        manifest.remove("icons");
        assertThat(Schemas.validate(SCHEMA, manifest)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void theBotIsInPersonalTeamAndGroupChatsWithACommandForEveryMenuItem() throws IOException {
        JsonNode bot = JSON.readTree(BUILT.resolve("manifest.json").toFile()).path("bots").path(0);
        List<String> scopes = new ArrayList<>();
        bot.path("scopes").forEach(scope -> scopes.add(scope.asText()));
        assertThat(scopes).containsExactlyInAnyOrder("personal", "team", "groupChat");

        Map<String, String> commands = new TreeMap<>();
        for (JsonNode list : bot.path("commandLists")) {
            assertThat(list.path("scopes").toString()).isEqualTo("[\"personal\"]");
            list.path("commands").forEach(command ->
                    commands.put(command.path("title").asText(), command.path("description").asText()));
        }
        assertThat(commands).isEqualTo(menu());
    }

    @Test
    void theColourIconIs192SquareAndTheOutlineIs32SquareWhiteOnTransparent() throws IOException {
        BufferedImage color = ImageIO.read(BUILT.resolve("color.png").toFile());
        assertThat(color.getWidth()).isEqualTo(192);
        assertThat(color.getHeight()).isEqualTo(192);

        BufferedImage outline = ImageIO.read(BUILT.resolve("outline.png").toFile());
        assertThat(outline.getWidth()).isEqualTo(32);
        assertThat(outline.getHeight()).isEqualTo(32);
        assertThat(outline.getColorModel().hasAlpha()).isTrue();
        int transparent = 0;
        int white = 0;
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int argb = outline.getRGB(x, y);
                int alpha = argb >>> 24;
                if (alpha == 0) {
                    transparent++;
                } else {
                    assertThat(argb & 0xFFFFFF).as("pixel %d,%d is white", x, y).isEqualTo(0xFFFFFF);
                    white++;
                }
            }
        }
        assertThat(transparent).as("a transparent background").isGreaterThan(32 * 32 / 2);
        assertThat(white).as("a drawing").isGreaterThan(32);
    }

    /**
     * Items only some people see (HR's "results", the ambassadors' announcements): the app's command list
     * is the same for everyone, so they are never in it.
     */
    private static final java.util.Set<String> FOR_A_ROLE_ONLY = java.util.Set.of("menu.results",
            "menu.announcement", "menu.campaign");

    /** Today's menu for everyone: each item's typed keyword and its label, from the shipped wording. */
    private static Map<String, String> menu() throws IOException {
        Properties wording = new Properties();
        try (Reader in = Files.newBufferedReader(Repository.file("resources/messages/en-GB.properties"),
                StandardCharsets.UTF_8)) {
            wording.load(in);
        }
        Map<String, String> menu = new TreeMap<>();
        for (String key : wording.stringPropertyNames()) {
            if (key.startsWith("menu.") && key.endsWith(".keyword")) {
                String item = key.substring(0, key.length() - ".keyword".length());
                if (FOR_A_ROLE_ONLY.contains(item)) {
                    continue;
                }
                menu.put(wording.getProperty(key), wording.getProperty(item));
            }
        }
        assertThat(menu).isNotEmpty();
        return menu;
    }
}
