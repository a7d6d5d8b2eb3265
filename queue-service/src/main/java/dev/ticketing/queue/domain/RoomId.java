package dev.ticketing.queue.domain;

/**
 * Which waiting room: one per concert ({@code "<concertId>"}), plus the room {@code "default"} that requests without
 * a concert id join (the one global room of before; its admission is not tied to a concert).
 */
public record RoomId(String value) {

    public static final RoomId DEFAULT = new RoomId("default");

    public RoomId {
        if (!"default".equals(value) && !isConcertId(value)) {
            throw new IllegalArgumentException("A room is \"default\" or a positive concert id");
        }
    }

    public static RoomId ofConcert(long concertId) {
        if (concertId <= 0) {
            throw new IllegalArgumentException("A concert id is positive");
        }
        return new RoomId(Long.toString(concertId));
    }

    public boolean isDefault() {
        return "default".equals(value);
    }

    private static boolean isConcertId(String value) {
        if (value == null || value.isEmpty() || value.length() > 18 || value.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
