package dev.ticketing.concert.domain;

public enum SeatStatus {
    AVAILABLE, HELD, SOLD
}
