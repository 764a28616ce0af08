package org.signpost.echo;

import com.microsoft.bot.builder.ActivityHandler;
import com.microsoft.bot.builder.ConversationState;
import com.microsoft.bot.builder.MemoryStorage;
import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.builder.StatePropertyAccessor;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import com.microsoft.bot.integration.Configuration;
import com.microsoft.bot.schema.ChannelAccount;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The load harness's floor: the Bot Framework SDK's canonical echo bot (an {@code ActivityHandler} with
 * {@code ConversationState} on {@code MemoryStorage}), on the same SDK, Spring Boot and harness as Signpost,
 * with an app id and the same token checks. Test scope only; outside {@code org.signpost.bot} so that
 * neither application scans the other.
 */
@SpringBootApplication
public class EchoBotApplication {

    public static void main(String[] args) {
        SpringApplication.run(EchoBotApplication.class, args);
    }

    /** The same filter chain as Signpost's {@code /api/messages} (Spring Security is on the class path). */
    @Bean
    SecurityFilterChain botEndpoint(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/messages", "/actuator/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    ConversationState conversationState() {
        return new ConversationState(new MemoryStorage());
    }

    @Bean
    EchoBot echoBot(ConversationState conversationState) {
        return new EchoBot(conversationState);
    }

    @Bean
    BotFrameworkHttpAdapter adapter(Environment environment) {
        Configuration configuration = new SpringConfiguration(environment);
        String authority = environment.getProperty("echo.login-authority", "https://login.microsoftonline.com");
        String tenant = environment.getProperty("MicrosoftAppTenantId", "");
        BotFrameworkHttpAdapter adapter = new BotFrameworkHttpAdapter(configuration) {
            @Override
            protected CompletableFuture<AppCredentials> buildAppCredentials(String appId, String scope) {
                // the harness has no internet: tokens come from its local authority, as Signpost's do
                return CompletableFuture.completedFuture(new LocalAuthorityCredentials(appId,
                        configuration.getProperty("MicrosoftAppPassword"), tenant, scope, authority));
            }
        };
        adapter.setOnTurnError((turn, error) -> turn.sendActivity("Sorry, something went wrong.").thenApply(r -> null));
        return adapter;
    }

    /** The SDK's echo sample, with the state sample's turn counter so that every turn loads and saves state. */
    static final class EchoBot extends ActivityHandler {

        private final ConversationState conversationState;
        private final StatePropertyAccessor<Integer> turns;

        EchoBot(ConversationState conversationState) {
            this.conversationState = conversationState;
            this.turns = conversationState.createProperty("turns");
        }

        @Override
        public CompletableFuture<Void> onTurn(TurnContext turnContext) {
            return super.onTurn(turnContext).thenCompose(done -> conversationState.saveChanges(turnContext));
        }

        @Override
        protected CompletableFuture<Void> onMessageActivity(TurnContext turnContext) {
            return turns.get(turnContext, () -> 0).thenCompose(count -> turns.set(turnContext, count + 1))
                    .thenCompose(set -> turnContext.sendActivity(
                            MessageFactory.text("Echo: " + turnContext.getActivity().getText())))
                    .thenApply(sent -> null);
        }

        @Override
        protected CompletableFuture<Void> onMembersAdded(List<ChannelAccount> membersAdded, TurnContext turnContext) {
            return turnContext.sendActivity(MessageFactory.text("Hello and welcome!")).thenApply(sent -> null);
        }
    }

    /** The SDK reads only a classpath file; this reads Spring's environment, as Signpost does. */
    static final class SpringConfiguration implements Configuration {

        private final Environment environment;

        SpringConfiguration(Environment environment) {
            this.environment = environment;
        }

        @Override
        public String getProperty(String key) {
            return environment.getProperty(key);
        }

        @Override
        public Properties getProperties() {
            Properties properties = new Properties();
            for (String key : new String[] {"MicrosoftAppId", "MicrosoftAppPassword", "BotOpenIdMetadata"}) {
                if (environment.getProperty(key) != null) {
                    properties.setProperty(key, environment.getProperty(key));
                }
            }
            return properties;
        }

        @Override
        public String[] getProperties(String key) {
            String value = environment.getProperty(key);
            return value == null ? null : value.split(",");
        }
    }
}
