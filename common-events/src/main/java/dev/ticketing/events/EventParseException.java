package dev.ticketing.events;

/** A message that is not a readable event. Retrying cannot help: it goes straight to the dead-letter topic. */
public class EventParseException extends RuntimeException {

    public EventParseException(String message) {
        super(message);
    }

    public EventParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
