package dev.ticketing.support.web;

/**
 * The room a request was admitted to ({@code X-Admitted-Room}, set by the gateway from the verified admission): what
 * concert's dates, seats, holds and payments it may touch. Declare a parameter of this type in a controller method
 * ({@link AdmittedRoomResolver} reads the header, the one place that does) and call {@link #requireConcert} with the
 * concert the request is about; another concert is 403 {@code WRONG_ROOM} ({@link WrongRoomHandler}).
 *
 * <p>The room {@code default} (joined without a concert id) is not tied to a concert. Without the header there is no
 * room to hold the request to (a gateway from before rooms, or a call inside the cluster): nothing is refused. A value
 * that is neither is refused for every concert.
 */
public final class AdmittedRoom {

    static final String DEFAULT = "default";
    private static final AdmittedRoom UNRESTRICTED = new AdmittedRoom(null);

    /** null: any concert */
    private final String room;

    private AdmittedRoom(String room) {
        this.room = room;
    }

    public static AdmittedRoom of(String header) {
        return header == null || header.equals(DEFAULT) ? UNRESTRICTED : new AdmittedRoom(header);
    }

    /** @throws WrongRoomException when the admission is for another concert's room */
    public void requireConcert(long concertId) {
        if (room != null && !room.equals(Long.toString(concertId))) {
            throw new WrongRoomException(concertId);
        }
    }

    @Override
    public String toString() {
        return room == null ? "AdmittedRoom[any]" : "AdmittedRoom[" + room + "]";
    }

    /** A request about another concert than the one its admission is for. */
    public static class WrongRoomException extends RuntimeException {

        public WrongRoomException(long concertId) {
            super("Your admission is for another concert's waiting room than concert " + concertId
                    + "; join that concert's room");
        }
    }
}
