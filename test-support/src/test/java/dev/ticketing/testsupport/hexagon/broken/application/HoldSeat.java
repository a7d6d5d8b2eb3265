package dev.ticketing.testsupport.hexagon.broken.application;

import dev.ticketing.testsupport.hexagon.broken.infrastructure.SeatTable;

/** A use case that names an adapter instead of its port. */
public class HoldSeat {

    public SeatTable table() {
        return new SeatTable();
    }
}
