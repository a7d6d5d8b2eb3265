package dev.ticketing.testsupport.hexagon.sound.application;

import dev.ticketing.testsupport.hexagon.sound.domain.Seat;

public interface SeatStore {
    Seat find(long id);
}
