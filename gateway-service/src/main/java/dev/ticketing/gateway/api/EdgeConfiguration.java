package dev.ticketing.gateway.api;

import dev.ticketing.gateway.GatewayProperties;
import java.util.List;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import reactor.netty.http.server.logging.AccessLog;
import reactor.netty.http.server.logging.AccessLogArgProvider;
import reactor.netty.http.server.logging.AccessLogFactory;

/** What a browser frontend and operators see at the edge: CORS and the access log. */
@Configuration(proxyBeanMethods = false)
public class EdgeConfiguration {

    /**
     * A web filter rather than the gateway's route-level CORS: it also answers preflights and decorates the gateway's
     * own errors (401, 404, 429), so a browser sees the problem body instead of an opaque CORS failure.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    CorsWebFilter corsWebFilter(GatewayProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(properties.cors().allowedOriginPatterns());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, QueueTokenGatewayFilterFactory.QUEUE_TOKEN,
                "Idempotency-Key", "Content-Type", RequestIdFilter.REQUEST_ID));
        // Idempotent-Replayed: a service's answer replayed for a repeated Idempotency-Key (docs/conventions.md)
        cors.setExposedHeaders(List.of("Retry-After", RequestIdFilter.REQUEST_ID, "Location",
                "X-RateLimit-Remaining", HttpHeaders.WWW_AUTHENTICATE, "Idempotent-Replayed"));
        // the access and queue tokens travel in headers, never in cookies
        cors.setAllowCredentials(false);
        cors.setMaxAge(properties.cors().maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return new CorsWebFilter(source);
    }

    /**
     * One line per request after the response is complete, so it carries the final status even when an error
     * handler wrote it. The path without the query string and never a header value other than the request id: the
     * queue token stays out of the logs. Health probes and scrapes are left out.
     */
    @Bean
    NettyServerCustomizer accessLog() {
        return server -> server.accessLog(true, AccessLogFactory.createFilter(
                entry -> !entry.uri().toString().startsWith("/actuator/"),
                entry -> AccessLog.create("{} {} {} {}ms requestId={} client={}", entry.method(), pathOf(entry),
                        entry.status(), entry.duration(), entry.responseHeader(RequestIdFilter.REQUEST_ID),
                        entry.connectionInformation() == null ? null
                                : entry.connectionInformation().remoteAddress())));
    }

    private static String pathOf(AccessLogArgProvider entry) {
        String uri = entry.uri() == null ? "" : entry.uri().toString();
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
