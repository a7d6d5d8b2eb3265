package dev.ticketing.events.outbox;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Carries the W3C trace context of the request that wrote an event over to the relay thread that publishes it, so a
 * request can be followed from the gateway through Kafka. Without a tracer on the classpath it does nothing.
 */
public class TraceContextCapture {

    static final String TRACE_PARENT = dev.ticketing.events.EventHeaders.TRACE_PARENT;

    private final Tracer tracer;
    private final Propagator propagator;

    public TraceContextCapture(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    public static TraceContextCapture none() {
        return new TraceContextCapture(null, null);
    }

    String currentTraceParent() {
        if (tracer == null || tracer.currentSpan() == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(tracer.currentSpan().context(), carrier, Map::put);
        return carrier.get(TRACE_PARENT);
    }

    /** Runs the publication as a child of the writer's trace, so Kafka's producer observation continues it. */
    <T> T inTraceOf(String traceParent, String name, Supplier<T> work) {
        if (tracer == null || traceParent == null) {
            return work.get();
        }
        Span span = propagator.extract(Map.of(TRACE_PARENT, traceParent), Map::get).name(name).start();
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            return work.get();
        } finally {
            span.end();
        }
    }
}
