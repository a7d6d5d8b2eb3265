package dev.ticketing.events;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Kafka record headers every event carries, so a consumer or a tool can route without parsing the payload.
 *
 * <p>The {@code ce_*} headers are the CloudEvents 1.0 attributes in the Kafka protocol binding's binary mode (the
 * value is the event's JSON, {@code content-type} says so), so any CloudEvents SDK reads our records as events:
 * <ul>
 *   <li>{@code ce_id}: the event's {@code eventId} (a UUID), the key consumers' inboxes dedupe on;</li>
 *   <li>{@code ce_source}: {@code /ticketing/<spring.application.name>} of the producing service;</li>
 *   <li>{@code ce_type}: {@code dev.ticketing.<eventType>.v<major>}, e.g. {@code dev.ticketing.SeatReserved.v1};</li>
 *   <li>{@code ce_specversion}: {@code 1.0};</li>
 *   <li>{@code ce_time}: the event's {@code occurredAt}, RFC 3339 in UTC.</li>
 * </ul>
 * Plus W3C {@code traceparent}, and the older {@code event-id}/{@code event-type}/{@code schema-version}, kept for
 * the consumers that route on them today.
 */
public final class EventHeaders {

    public static final String EVENT_ID = "event-id";
    public static final String EVENT_TYPE = "event-type";
    public static final String SCHEMA_VERSION = "schema-version";

    public static final String CE_ID = "ce_id";
    public static final String CE_SOURCE = "ce_source";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_SPECVERSION = "ce_specversion";
    public static final String CE_TIME = "ce_time";
    /** The binding maps CloudEvents' {@code datacontenttype} to the plain {@code content-type} header. */
    public static final String CONTENT_TYPE = "content-type";
    /** W3C trace context of the request that wrote the event (or of the relay's publication, when traced). */
    public static final String TRACE_PARENT = "traceparent";

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";
    static final String SOURCE_PREFIX = "/ticketing/";
    static final String TYPE_PREFIX = "dev.ticketing.";

    private EventHeaders() {
    }

    /** {@code ce_source} of a service: {@code /ticketing/<application name>}. */
    public static String sourceOf(String applicationName) {
        return SOURCE_PREFIX + applicationName;
    }

    /** {@code ce_type} of an event type and schema version: {@code dev.ticketing.<eventType>.v<major>}. */
    public static String typeOf(String eventType, String schemaVersion) {
        int dot = schemaVersion.indexOf('.');
        return TYPE_PREFIX + eventType + ".v" + (dot < 0 ? schemaVersion : schemaVersion.substring(0, dot));
    }

    /** The last value of a header as UTF-8, or null when the record does not carry it. */
    public static String stringValue(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
