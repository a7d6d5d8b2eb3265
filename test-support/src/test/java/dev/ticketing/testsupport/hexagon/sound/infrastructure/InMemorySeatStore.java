package dev.ticketing.testsupport.hexagon.sound.infrastructure;

import dev.ticketing.testsupport.hexagon.sound.application.SeatStore;
import dev.ticketing.testsupport.hexagon.sound.domain.Seat;

public class InMemorySeatStore implements SeatStore {
    @Override
    public Seat find(long id) {
        return new Seat(id);
    }
}
