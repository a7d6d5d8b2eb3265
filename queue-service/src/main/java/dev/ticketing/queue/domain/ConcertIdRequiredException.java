package dev.ticketing.queue.domain;

/** A token request without a concert id while the default room is switched off. */
public class ConcertIdRequiredException extends RuntimeException {

    public ConcertIdRequiredException() {
        super("Join a concert's room: the body needs a concertId");
    }
}
