package dev.ticketing.testsupport.hexagon.sound.api;

import dev.ticketing.testsupport.hexagon.sound.application.SeatStore;
import dev.ticketing.testsupport.hexagon.sound.domain.Seat;

public class SeatController {

    private final SeatStore seats;

    public SeatController(SeatStore seats) {
        this.seats = seats;
    }

    public Seat seat(long id) {
        return seats.find(id);
    }
}
