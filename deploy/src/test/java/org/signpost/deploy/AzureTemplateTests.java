package org.signpost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/azure/main.bicep, checked structurally: no Bicep compiler installs on this machine (it is on
 * neither Maven Central nor npm), so this reads the template's declarations and settings. Run
 * {@code az bicep build -f deploy/azure/main.bicep} where the Azure CLI is available.
 */
class AzureTemplateTests {

    static final Pattern RESOURCE = Pattern.compile("^resource (\\w+) '([\\w./]+)@([\\w-]+)'", Pattern.MULTILINE);
    static final Pattern SECURE_PARAM = Pattern.compile("@secure\\(\\)\\s*(?:@[^\\n]*\\n\\s*)*param (\\w+) string");

    @Test
    void aSingleTenantBotTeamsChannelContainerAppManagedRedisAndKeyVault() throws IOException {
        String bicep = template();
        List<String> types = new ArrayList<>();
        Matcher resource = RESOURCE.matcher(bicep);
        while (resource.find()) {
            types.add(resource.group(2));
        }
        assertThat(types).contains("Microsoft.BotService/botServices", "Microsoft.BotService/botServices/channels",
                "Microsoft.App/containerApps", "Microsoft.App/managedEnvironments", "Microsoft.Cache/redisEnterprise",
                "Microsoft.Cache/redisEnterprise/databases", "Microsoft.KeyVault/vaults",
                "Microsoft.KeyVault/vaults/secrets", "Microsoft.ManagedIdentity/userAssignedIdentities",
                "Microsoft.Authorization/roleAssignments");
        assertThat(bicep).contains("msaAppType: 'SingleTenant'", "msaAppTenantId: tenantId",
                "channelName: 'MsTeamsChannel'", "endpoint: 'https://${app.properties.configuration.ingress.fqdn}/api/messages'");
    }

    @Test
    void redisIsTlsOnlyNeverEvictsAndTheAppReachesItWithRediss() throws IOException {
        String bicep = template();
        assertThat(bicep).contains("clientProtocol: 'Encrypted'", "evictionPolicy: 'NoEviction'",
                "minimumTlsVersion: '1.2'", "aofEnabled: true", "value: 'rediss://");
        assertThat(bicep).doesNotContain("'Plaintext'", "value: 'redis://");
    }

    @Test
    void everySecretGoesThroughKeyVaultAndTheAppRunsSeveralProbedReplicas() throws IOException {
        String bicep = template();
        List<String> secure = new ArrayList<>();
        Matcher param = SECURE_PARAM.matcher(bicep);
        while (param.find()) {
            secure.add(param.group(1));
        }
        assertThat(secure).containsExactlyInAnyOrder("botAppPassword", "surveyTokenSecret", "sealingKey");
        for (String name : secure) {
            // a secure parameter is used exactly once: as the value of a Key Vault secret
            assertThat(Pattern.compile("\\b" + name + "\\b").matcher(bicep).results().count()).as(name).isEqualTo(2);
            assertThat(bicep).contains("value: " + name + "\n");
        }
        assertThat(Pattern.compile("keyVaultUrl: \\w+\\.properties\\.secretUri").matcher(bicep).results().count())
                .isEqualTo(4);
        for (String variable : List.of("MicrosoftAppPassword", "SIGNPOST_SURVEY_TOKEN_SECRET", "REDIS_URL",
                "SIGNPOST_KEYS_SEALING_KEY")) {
            assertThat(bicep).containsPattern("name: '" + variable + "', secretRef: '[a-z-]+'");
        }
        assertThat(bicep).contains("enableRbacAuthorization: true", "allowInsecure: false", "targetPort: 3978",
                "path: '/actuator/health/liveness'", "path: '/actuator/health/readiness'", "port: 8081");
        assertThat(bicep).containsPattern("@minValue\\(2\\)\\s*param minReplicas int");
    }

    @Test
    void theTemplateIsBalanced() throws IOException {
        String bicep = template().replaceAll("//[^\\n]*", "").replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''");
        int braces = 0;
        int brackets = 0;
        for (char c : bicep.toCharArray()) {
            braces += c == '{' ? 1 : c == '}' ? -1 : 0;
            brackets += c == '[' ? 1 : c == ']' ? -1 : 0;
            assertThat(braces).isNotNegative();
            assertThat(brackets).isNotNegative();
        }
        assertThat(braces).isZero();
        assertThat(brackets).isZero();
    }

    private static String template() throws IOException {
        return Files.readString(Repository.file("deploy/azure/main.bicep"));
    }
}
