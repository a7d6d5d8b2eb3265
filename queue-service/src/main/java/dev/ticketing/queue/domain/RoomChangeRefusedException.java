package dev.ticketing.queue.domain;

/** An operator's change that the room's state does not allow. */
public class RoomChangeRefusedException extends RuntimeException {

    public enum Reason {
        /** the opening already happened: it happens once */
        ALREADY_OPEN,
        /** an opening for a room that already serves people first come, first served */
        ROOM_IN_USE,
        /** an opening now or in the past */
        OPENS_AT_NOT_IN_FUTURE
    }

    private final Reason reason;

    public RoomChangeRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
