package org.signpost.bot.messaging;

import jakarta.servlet.Filter;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.servlet.filter.OrderedRequestContextFilter;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.CharacterEncodingFilter;
import org.springframework.web.filter.FormContentFilter;
import org.springframework.web.filter.RequestContextFilter;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Spring's web filters serve the pages, which the dispatcher servlet answers, and are mapped to it by name instead
 * of to every URL: {@code /api/messages}, a servlet of its own, no longer passes them. They did nothing for it, at
 * ~3% of the bot's CPU and ~4% of its allocation under load (docs/benchmarks.md): the endpoint reads its body as
 * bytes (no request encoding, no form), uses no request-bound context and renders no resource URLs, and Spring
 * Security's chain for it only permitted (the endpoint checks the Bot Framework token) and wrote no headers, so
 * the one thing Spring Security did there, its strict firewall, the endpoint now asks itself (same firewall, same
 * 400s). Still on it: the request metrics ({@code http.server.requests}) and, in a local trial, the loopback check.
 *
 * <p>Filters mapped by servlet name run after those mapped by URL, so all of these move together and keep their
 * order among themselves (the encoding before Spring Security, which reads the sign-in form). Every servlet but the
 * endpoint passes Spring Security ({@code EndpointFiltersIntegrationTests}).
 */
@Configuration(proxyBeanMethods = false)
class PageFilters {

    static final String PAGES = DispatcherServletAutoConfiguration.DEFAULT_DISPATCHER_SERVLET_BEAN_NAME;

    // Spring Boot's own filter beans, registered for the pages instead of for every URL

    @Bean
    FilterRegistrationBean<CharacterEncodingFilter> characterEncodingFilterOnPages(CharacterEncodingFilter filter) {
        return onPages("characterEncodingFilter", filter);
    }

    @Bean
    FilterRegistrationBean<FormContentFilter> formContentFilterOnPages(FormContentFilter filter) {
        return onPages("formContentFilter", filter);
    }

    /** Spring Boot makes this one itself unless it is registered, as here (the same filter). */
    @Bean
    FilterRegistrationBean<RequestContextFilter> requestContextFilterOnPages() {
        return onPages("requestContextFilter", new OrderedRequestContextFilter());
    }

    /** Spring Boot's own registrations of Spring Security's filter and of the pages' resource URLs, for the pages. */
    @Bean
    static BeanPostProcessor springSecurityAndResourceUrlsOnPages() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof DelegatingFilterProxyRegistrationBean
                        || bean instanceof FilterRegistrationBean<?> registration
                                && registration.getFilter() instanceof ResourceUrlEncodingFilter) {
                    ((AbstractFilterRegistrationBean<?>) bean).addServletNames(PAGES);
                }
                return bean;
            }
        };
    }

    /** As Spring Boot registers a filter bean (its order, its dispatcher types), but for the pages only. */
    private static <F extends Filter> FilterRegistrationBean<F> onPages(String name, F filter) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setName(name);
        registration.setOrder(((Ordered) filter).getOrder());
        registration.addServletNames(PAGES);
        return registration;
    }
}
