// Signpost on Azure: a single-tenant Azure Bot with the Teams channel, the bot on Container Apps (several
// replicas), Azure Managed Redis over TLS, and the secrets in Key Vault, read by the app's own identity.
//   az deployment group create -g <resource group> -f deploy/azure/main.bicep -p main.parameters.json
// The Entra ID app registration (single-tenant) is made first, by hand or with az ad app create: see
// deploy/README.md. Its client secret, and the token and sealing keys, are passed as secure parameters
// and go straight into Key Vault.

targetScope = 'resourceGroup'

@description('Short name used for every resource (letters and digits).')
@minLength(3)
@maxLength(16)
param name string = 'signpost'

param location string = resourceGroup().location

@description('Client id of the single-tenant Entra ID app registration (MicrosoftAppId).')
param botAppId string

@description('Tenant of the app registration: the organisation whose staff use the bot.')
param tenantId string = subscription().tenantId

@secure()
@description('Client secret of the app registration (MicrosoftAppPassword).')
param botAppPassword string

@secure()
@minLength(32)
@description('Key of the respondent tokens (at least 32 random characters).')
param surveyTokenSecret string

@secure()
@minLength(32)
@description('Key that seals answers in progress (at least 32 random characters).')
param sealingKey string

@description('The container image, pushed to a registry the app can pull from.')
param image string

@minValue(2)
param minReplicas int = 2

@maxValue(30)
param maxReplicas int = 6

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-identity'
  location: location
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${name}-kv-${uniqueString(resourceGroup().id)}'
  location: location
  properties: {
    tenantId: tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource appCanReadSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Azure Managed Redis: TLS only, one endpoint (Enterprise clustering policy), never evicts,
// append-only persistence.
resource redis 'Microsoft.Cache/redisEnterprise@2025-04-01' = {
  name: '${name}-redis-${uniqueString(resourceGroup().id)}'
  location: location
  sku: {
    name: 'Balanced_B1'
  }
  properties: {
    minimumTlsVersion: '1.2'
  }
}

resource redisDatabase 'Microsoft.Cache/redisEnterprise/databases@2025-04-01' = {
  parent: redis
  name: 'default'
  properties: {
    clientProtocol: 'Encrypted'
    port: 10000
    clusteringPolicy: 'EnterpriseCluster'
    evictionPolicy: 'NoEviction'
    persistence: {
      aofEnabled: true
      aofFrequency: '1s'
    }
  }
}

resource secretAppPassword 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'microsoft-app-password'
  properties: {
    value: botAppPassword
  }
}

resource secretTokenKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'survey-token-secret'
  properties: {
    value: surveyTokenSecret
  }
}

resource secretSealingKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'sealing-key'
  properties: {
    value: sealingKey
  }
}

resource secretRedisUrl 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'redis-url'
  properties: {
    // rediss: TLS, with the host name checked against the certificate
    value: 'rediss://:${uriComponent(redisDatabase.listKeys().primaryKey)}@${redis.properties.hostName}:10000'
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${name}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  dependsOn: [
    appCanReadSecrets
  ]
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      // only /api/messages is public (HTTPS); health and metrics stay on port 8081, inside the environment
      ingress: {
        external: true
        targetPort: 3978
        transport: 'http'
        allowInsecure: false
      }
      secrets: [
        {
          name: 'microsoft-app-password'
          keyVaultUrl: secretAppPassword.properties.secretUri
          identity: identity.id
        }
        {
          name: 'survey-token-secret'
          keyVaultUrl: secretTokenKey.properties.secretUri
          identity: identity.id
        }
        {
          name: 'sealing-key'
          keyVaultUrl: secretSealingKey.properties.secretUri
          identity: identity.id
        }
        {
          name: 'redis-url'
          keyVaultUrl: secretRedisUrl.properties.secretUri
          identity: identity.id
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'signpost'
          image: image
          resources: {
            cpu: json('1.0')
            memory: '2Gi'
          }
          env: [
            { name: 'MicrosoftAppId', value: botAppId }
            { name: 'MicrosoftAppTenantId', value: tenantId }
            { name: 'MicrosoftAppType', value: 'SingleTenant' }
            { name: 'MicrosoftAppPassword', secretRef: 'microsoft-app-password' }
            { name: 'SIGNPOST_SURVEY_TOKEN_SECRET', secretRef: 'survey-token-secret' }
            { name: 'SIGNPOST_KEYS_SEALING_KEY', secretRef: 'sealing-key' }
            { name: 'REDIS_URL', secretRef: 'redis-url' }
            { name: 'MANAGEMENT_PORT', value: '8081' }
            { name: 'MANAGEMENT_ADDRESS', value: '0.0.0.0' }
            { name: 'LOGGING_STRUCTURED_FORMAT_CONSOLE', value: 'ecs' }
          ]
          probes: [
            {
              type: 'Startup'
              httpGet: {
                path: '/actuator/health/liveness'
                port: 8081
              }
              periodSeconds: 2
              failureThreshold: 60
            }
            {
              type: 'Liveness'
              httpGet: {
                path: '/actuator/health/liveness'
                port: 8081
              }
              periodSeconds: 10
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/actuator/health/readiness'
                port: 8081
              }
              periodSeconds: 5
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http'
            http: {
              metadata: {
                concurrentRequests: '50'
              }
            }
          }
        ]
      }
    }
  }
}

// The bot registration: single-tenant (new multi-tenant registrations are no longer possible), calling the
// app's public HTTPS endpoint, with the Teams channel on.
resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${name}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'S1'
  }
  properties: {
    displayName: 'Signpost'
    endpoint: 'https://${app.properties.configuration.ingress.fqdn}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenantId
    disableLocalAuth: false
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output messagingEndpoint string = bot.properties.endpoint
output keyVaultName string = vault.name
