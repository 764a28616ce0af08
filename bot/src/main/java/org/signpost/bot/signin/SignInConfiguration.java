package org.signpost.bot.signin;

import java.time.Clock;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.signpost.bot.redis.RedisSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may see what on the web. {@code /api/messages} and the health endpoints keep their own trust (Bot
 * Framework tokens, asked by the endpoint itself with the same firewall; a port of their own; no session, no CSRF
 * token). Everything else needs sign-in: the HR pages need the HR
 * role, the privacy audit's page ({@code /audit}) the auditor role; forms carry a CSRF token; pages get a strict Content-Security-Policy (no inline script or style),
 * may not be framed, and are never cached.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignInSettings.class)
class SignInConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SignInConfiguration.class);

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    static final String ENTRA = "entra";

    @Bean
    @Order(1)
    SecurityFilterChain botEndpoint(HttpSecurity http) throws Exception {
        // the health and metrics endpoints are not on the public port: no session, security context, servlet API
        // wrapper, anonymous user or sign-out there; the firewall still checks every request. /api/messages, which
        // checks its Bot Framework token itself, no longer passes Spring Security's filter (messaging.PageFilters)
        return http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.disable())
                .securityContext(context -> context.disable())
                .servletApi(api -> api.disable())
                .anonymous(anonymous -> anonymous.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(exceptions -> exceptions.disable())
                .build();
    }

    /**
     * Spring Security's strict firewall, with its character checks as a loop ({@link Firewall}): for every page, and
     * asked by {@code /api/messages} itself, which Spring Security's filter no longer passes (messaging.PageFilters).
     */
    @Bean
    HttpFirewall httpFirewall() {
        return Firewall.strict();
    }

    @Bean
    WebSecurityCustomizer strictFirewall(HttpFirewall firewall) {
        return web -> web.httpFirewall(firewall);
    }

    /**
     * An encoded slash ({@code %2F}) in an address: Tomcat refuses it by default before any filter, with its own
     * bare 400 page. Passed through as it is (never decoded, so no path changes meaning), it reaches the firewall,
     * which refuses it like any other malformed address: 400, with the pages' own error page ({@link ErrorPages}).
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashesReachTheFirewall() {
        return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }

    /**
     * Spring Security observes nothing: metrics are off for it anyway (application.properties), but its
     * filter chains would still wrap every filter of every request, /api/messages included, to ask.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    LocalAccount localAccount(SignInSettings settings, RedisSettings redis) {
        return settings.localEnabled()
                ? LocalAccount.resolve(settings.local(), redis.dataFolder(), System.out)
                : LocalAccount.none();
    }

    /**
     * A new local account's bcrypt hash is made once the bot is ready, on a thread of its own, off the start's
     * path; a sign-in before then makes it or waits for it. If it cannot be stored, the bot stops, as a start
     * that could not store it did.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> localAccountCreation(LocalAccount account) {
        return ready -> {
            Thread creation = new Thread(() -> {
                try {
                    account.create();
                } catch (RuntimeException e) {
                    log.error("Stopping: the local HR account could not be stored", e);
                    System.exit(SpringApplication.exit(ready.getApplicationContext(), () -> 1));
                }
            }, "signpost-hr-account");
            creation.setDaemon(true);
            creation.start();
        };
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, SignInSettings settings, LocalAccount account, Clock clock)
            throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/hr/sign-in", "/hr/assets/**", "/webjars/**", "/error").permitAll()
                        .requestMatchers("/hr/**").hasRole(Role.HR.name())
                        .requestMatchers("/focus-groups/invitations/**").permitAll()
                        .requestMatchers("/focus-groups", "/focus-groups/**")
                        .hasAnyRole(Role.HR.name(), Role.FACILITATOR.name())
                        .requestMatchers("/audit", "/audit/**").hasRole(Role.AUDITOR.name())
                        .requestMatchers("/campaigns", "/campaigns/**").hasRole(Role.AMBASSADOR.name())
                        .anyRequest().authenticated())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .logout(logout -> logout.logoutUrl("/hr/sign-out").logoutSuccessUrl("/hr/sign-in?signedOut"));
        if (settings.localEnabled()) {
            DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(account);
            passwords.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
            // a provider beside the OpenID Connect ones, not a manager of its own (that would replace them)
            http.authenticationProvider(new SignInThrottle(passwords, settings.maxFailures(),
                    settings.failureWindow(), clock));
            http.formLogin(form -> form.loginPage("/hr/sign-in").loginProcessingUrl("/hr/sign-in")
                    .defaultSuccessUrl("/hr", false).failureUrl("/hr/sign-in?error").permitAll());
        } else {
            http.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(
                    new LoginUrlAuthenticationEntryPoint("/hr/sign-in")));
        }
        if (settings.entra().enabled()) {
            SignInSettings.Entra entra = settings.entra();
            ClientRegistration registration = ClientRegistrations.fromIssuerLocation(entra.issuer())
                    .registrationId(ENTRA).clientName("Microsoft Entra ID")
                    .clientId(entra.clientId()).clientSecret(entra.clientSecret())
                    .scope("openid", "profile").build();
            http.oauth2Login(login -> login.loginPage("/hr/sign-in")
                    .clientRegistrationRepository(new InMemoryClientRegistrationRepository(registration))
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new EntraRoles(entra.roles())))
                    .defaultSuccessUrl("/hr", false));
        }
        return http.build();
    }
}
