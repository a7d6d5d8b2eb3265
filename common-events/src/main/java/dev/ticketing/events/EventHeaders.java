package dev.ticketing.events;

/** Kafka record headers every event carries, so a consumer can route without parsing the payload. */
public final class EventHeaders {

    public static final String EVENT_ID = "event-id";
    public static final String EVENT_TYPE = "event-type";
    public static final String SCHEMA_VERSION = "schema-version";

    private EventHeaders() {
    }
}
