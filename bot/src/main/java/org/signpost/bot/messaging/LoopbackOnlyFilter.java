package org.signpost.bot.messaging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A local trial has no tokens, so it answers only requests addressed to this machine by name
 * ({@code Host}) and not sent by a web page from elsewhere ({@code Origin}): otherwise any page open in
 * the tester's browser could post forged turns to 127.0.0.1, and read the answers by DNS rebinding.
 */
final class LoopbackOnlyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(LoopbackOnlyFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean fromHere = Loopback.hostHeader(request.getHeader(HttpHeaders.HOST))
                && Collections.list(request.getHeaders(HttpHeaders.ORIGIN)).stream().allMatch(Loopback::origin);
        if (!fromHere) {
            log.info("Refused a request to the local trial whose Host or Origin is not this machine");
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("A local trial answers only requests from this machine.");
            return;
        }
        chain.doFilter(request, response);
    }
}
