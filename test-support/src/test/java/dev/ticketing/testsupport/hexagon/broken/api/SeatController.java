package dev.ticketing.testsupport.hexagon.broken.api;

import dev.ticketing.testsupport.hexagon.broken.infrastructure.SeatTable;

/** A controller that skips the use case and reaches an adapter. */
public class SeatController {

    public SeatTable table() {
        return new SeatTable();
    }
}
