package dev.ticketing.gateway.api;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Carries the trace on into the service: the request the gateway sends holds the context ({@code traceparent}) of
 * the gateway's own server span, sampled or not, so the service's span is its child and follows its sampling
 * decision. In place of Spring Cloud Gateway's observability ({@code observability.enabled: false}), which opened a
 * second observation and span per request for the same call, about half of the gateway's observation time under the
 * waiting poll (docs/benchmarks.md, "Third profile").
 */
@Component
public class TraceContextHeadersFilter implements HttpHeadersFilter, Ordered {

    private final Propagator propagator;

    public TraceContextHeadersFilter(Propagator propagator) {
        this.propagator = propagator;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        ServerRequestObservationContext server = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .orElse(null);
        TracingObservationHandler.TracingContext tracing = server == null ? null
                : server.get(TracingObservationHandler.TracingContext.class);
        Span span = tracing == null ? null : tracing.getSpan();
        if (span == null) {
            return input;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        // set, never add: a client's own traceparent is the parent of the gateway's span, not the service's
        propagator.inject(span.context(), headers, HttpHeaders::set);
        return headers;
    }

    /** After the hop-by-hop and forwarded-header filters, which build the request's headers from the client's. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
